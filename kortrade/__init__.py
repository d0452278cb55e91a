"""kortrade: South Korea's monthly trade figures, asked in plain English or Korean.

The glue package: `cli` (thin command line), `config` (the only reader of the
environment), `answer` (the one question -> reply pipeline) and `months`
(calendar arithmetic shared by `intents` and `data`).
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
