"""The words around the vocabulary: question cues, filler and the traps, in English and Korean.

The vocabulary (names.csv) names series; this module names what people say about
them: "top", "in a row", "record", "차트", particles, and words that must never be
read as a series ("Korea" is the reporter, not a partner; "North Korea" is not
covered). They are language, not data, so they live in code and are tested as tables.
English cues are whole tokens or token phrases; Korean cues are substrings (stems),
because Korean attaches particles and endings to them ("늘었나", "연속으로").
"""

from __future__ import annotations

__all__ = [
    "ABOUT_EN",
    "ABOUT_KO",
    "CHART_EN",
    "CHART_KO",
    "COMPARE_EN",
    "COMPARE_KO",
    "DIMENSION_EN",
    "DIMENSION_KO",
    "DOUBLE_DIGIT_EN",
    "DOUBLE_DIGIT_KO",
    "DOWN_EN",
    "DOWN_KO",
    "FIGURE_NOW_EN",
    "FIGURE_NOW_KO",
    "GROWTH_EN",
    "GROWTH_KO",
    "HELP_EN",
    "HELP_KO",
    "HOW_NOW_EN",
    "HOW_NOW_KO",
    "KO_PARTICLES",
    "KO_PREFIXES",
    "KO_STOP_STEMS",
    "LATEST_EN",
    "LATEST_KO",
    "LOWEST_EN",
    "LOWEST_KO",
    "PRONOUN_US_BEFORE",
    "RANK_EN",
    "RANK_KO",
    "RECORD_EN",
    "RECORD_GROWTH_EN",
    "RECORD_GROWTH_KO",
    "RECORD_KO",
    "REPORTER_PHRASES",
    "RUN_START_EN",
    "SMALLEST_EN",
    "STOPWORDS_EN",
    "STREAK_EN",
    "STREAK_KO",
    "TRADE_BOTH_EN",
    "TRADE_BOTH_KO",
    "UNSUPPORTED_PHRASES",
    "UP_EN",
    "UP_KO",
    "VALUE_EN",
    "VALUE_KO",
    "WORST_EN",
    "YEAR_AGO_EN",
    "YEAR_AGO_KO",
]


def _phrases(text: str) -> tuple[str, ...]:
    """Entries separated by "|", so a long list stays a compact block."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


# South Korea reports these figures: naming it adds nothing and is never a partner.
REPORTER_PHRASES: frozenset[str] = frozenset(
    _phrases(
        "korea|korea s|korean|koreas|"
        "republic of korea|rok|s korea|s korean|"
        "south korea|south korea s|south korean|국내|남한|"
        "대한민국|우리나라|한국|한국은|한국의|한국이"
    )
)

# Places people ask about that the data does not cover and that must not fuzzy-match.
UNSUPPORTED_PHRASES: frozenset[str] = frozenset(
    _phrases("dprk|north korea|north korean|북한|북한에|북한으로|북한의")
)

STOPWORDS_EN: frozenset[str] = frozenset(
    _phrases(
        "a|about|after|again|against|ago|all|also|am|amount|amounts|an|and|annual|annually|any|"
        "anything|approximately|are|around|as|at|be|been|before|being|best|between|biggest|"
        "billion|billions|bn|both|bottom|bought|but|buy|by|can|categories|category|cent|change|"
        "changed|changes|chart|charts|day|days|week|weeks|command|commands|commodities|commodity|compare|compared|"
        "comparison|consecutive|continue|continued|continuing|could|countries|country|country's|"
        "current|currently|d|data|date|decline|declined|declining|decrease|decreased|decreasing|"
        "destination|destinations|did|digit|digits|do|does|doing|dollar|dollars|done|double|down|"
        "drop|dropped|dropping|during|each|earlier|economies|eh|else|ever|exactly|fall|fallen|"
        "falling|far|fastest|fell|figure|figures|first|following|for|fourth|from|gain|gained|get|"
        "give|go|going|goods|got|graph|graphs|grew|grow|growing|grown|growth|had|half|halves|"
        "happen|happened|has|have|having|he|headline|hello|help|her|here|hey|hi|high|highest|him|"
        "his|historical|history|hmm|how|i|if|in|increase|increased|increasing|info|information|"
        "into|is|it|item|items|its|jump|jumped|just|kindly|know|korea's|largest|last|lasted|"
        "lasting|later|latest|least|let|level|levels|like|list|ll|long|look|looked|looking|low|"
        "lowest|m|many|market|markets|me|million|millions|mine|mn|mom|month|monthly|months|more|"
        "most|much|my|nation|nations|need|new|newest|news|next|no|not|now|number|numbers|o|of|off|"
        "ok|okay|on|one|only|or|order|other|our|out|over|overall|own|partner|partners|pct|peak|"
        "per|percent|perform|performance|performed|performing|period|periods|please|plot|plots|"
        "pls|plz|present|previous|prior|product|products|qoq|quarter|quarters|rank|ranked|ranking|"
        "ranks|re|recent|recently|record|records|region|regions|relative|release|released|"
        "releases|report|reports|result|results|rise|risen|rising|rose|roughly|row|running|s|same|"
        "say|second|sector|sectors|see|sell|selling|she|shipments|shipped|should|show|since|"
        "slowest|slump|slumped|smallest|so|sold|some|sorted|start|statistic|statistics|stats|"
        "still|stop|straight|streak|streaks|such|surge|surged|t|tell|than|thank|thanks|that|the|"
        "their|them|then|there|these|they|third|this|those|through|thx|till|time|times|to|today|"
        "too|top|total|trade|traded|trading|trend|trends|u|under|until|up|update|updates|upon|us|"
        "usd|value|values|ve|versus|very|via|vs|want|was|we|were|what|what's|whats|when|where|"
        "whether|which|while|who|whom|why|will|with|within|worst|would|y|year|year-on-year|years|"
        "yes|yet|you|your|yours|yoy|ytd"
    )
) | frozenset(
    # Words that do not change the question ("bal", "full", "sum", "went") and the desk's
    # cue words (`asks.py`), which are read as what they ask, never as an unknown item.
    _phrases(
        "accelerate|accelerated|accelerating|acceleration|accumulated|adjusted|average|"
        "averages|bal|business|cumulative|cumulatively|decelerate|decelerating|deceleration|"
        "flash|full|lastly|momentum|moving|percentage|pick|picking|portion|proportion|rolling|"
        "share|shares|slowdown|slowing|slow|speeding|steam|sum|summed|went|whole|working|"
        "workday|workdays|above|below|exceed|exceeded|beneath|passed|surpassed|topped|"
        "pace|gathering|losing|cooling|negative|positive|tally|tallied|adjustment|estimate|"
        "estimates|estimated|provisional|fraction|part|customs|ministry|kcs|motie|mti|"
        "official|officially|come|comes|came|coming|goes|gone|"
        # Momentum said plainly ("getting bigger", "growing faster", "widening"): read by
        # `asks.py` as momentum, never an unknown word.
        "getting|bigger|smaller|larger|faster|slower|widen|widening|widened|narrow|"
        "narrowing|narrowed|gaining|strengthening|weakening|easing|peaked|peaking|bottomed|"
        "bottoming|"
        # Filler that changes nothing: "we ship to china a lot", "um, just checking".
        "lot|lots|really|actually|basically|um|umm|uh|uhh|er|erm|ah|oh|well|anyway|btw|"
        "quick|quickly|question|questions|wondering|wonder|curious|guess|think|thought|"
        "mean|kinda|sorta|pretty|quite|literally|honestly|yeah|yep|sure|cool|great|nice|"
        "alright|dear|team|guys|folks|bot|maybe|perhaps|checking|check|again|hmmm|pls|"
        "thank|appreciate|appreciated|cheers|interested|wanted|wants|wanna|gonna|gotta|"
        "ask|asking|asked|curiously|exactly|kind|sort|something|stuff|things|thing|run|runs|ran"
    )
)

# "us" is the pronoun right after these words ("tell us", "show us"), the country otherwise.
PRONOUN_US_BEFORE: frozenset[str] = frozenset(
    _phrases(
        "about|among|ask|brief|bring|email|for|get|give|help|inform|join|let|lets|make|message|of|"
        "ping|remind|send|show|teach|tell|text|update|with"
    )
)

# Cue words and phrases for each kind of question (English: tokens; Korean: substrings).
HELP_EN: tuple[str, ...] = _phrases(
    "help|hi|hello|hey|start|what can you do|what do you do|how do i use|how to use|commands|"
    "usage|what can i ask|how does this work"
)

HELP_KO: tuple[str, ...] = _phrases(
    "안녕|도움말|도움|사용법|명령어|뭘 할 수|무엇을 할 수|어떻게 써"
)

#: "What data do you have": the coverage reply (`/about`), asked in words.
ABOUT_EN: tuple[str, ...] = _phrases(
    "what data|which data|data coverage|coverage|what do you have|what do you cover|"
    "what is covered|what s covered|your data|your sources|data sources|about your data|"
    "where does your data come from|where is your data from|what figures do you have"
)

ABOUT_KO: tuple[str, ...] = _phrases(
    "어떤 자료|무슨 자료|자료 범위|데이터 범위|보유 자료|자료 출처|데이터 출처|어떤 데이터|"
    "무슨 데이터|자료가 있|데이터가 있|어떤 수치"
)

LATEST_EN: tuple[str, ...] = _phrases(
    "lately|recently|these days|right now|latest|what s new|whats new|what is new|news|"
    "newest|most recent|latest release|new release|recent"
)

LATEST_KO: tuple[str, ...] = _phrases("최신|최근|새 소식|새소식|새로운|요즘")

# "How are exports doing?": a question about now, not a bare word to ask back about.
HOW_NOW_EN: tuple[str, ...] = _phrases("how|doing|going|faring")

HOW_NOW_KO: tuple[str, ...] = _phrases(
    "어때|어떻|어땠|어떤가|어떡|잘 되|잘되|괜찮|좋아|좋나|나빠|나쁜가|상황"
)

# "What's the y/y on exports", "headline exports number": the latest figure, asked plainly.
FIGURE_NOW_EN: tuple[str, ...] = _phrases(
    "y y|yoy|year on year|year-on-year|growth rate|headline|number|numbers|figure|print|"
    "reading|level"
)

FIGURE_NOW_KO: tuple[str, ...] = _phrases("증가율|증감률|실적|수치|얼마")

CHART_EN: tuple[str, ...] = _phrases("chart|charts|graph|graphs|plot|plots|trend|trends")

CHART_KO: tuple[str, ...] = _phrases("차트|그래프|추이|추세|그려")

COMPARE_EN: tuple[str, ...] = _phrases(
    "vs|versus|compare|compared|comparing|comparison|against|relative to"
)

COMPARE_KO: tuple[str, ...] = _phrases("대비|비교|견줘|vs")

YEAR_AGO_EN: tuple[str, ...] = _phrases(
    "a year ago|a year earlier|year ago|year earlier|same month last year|"
    "same month a year ago|same month of last year|same period last year|the previous year|"
    "the year before"
)

YEAR_AGO_KO: tuple[str, ...] = _phrases("전년 동월|전년동월|작년 같은 달|1년 전|일년 전|전년 같은")

STREAK_EN: tuple[str, ...] = _phrases(
    "streak|in a row|consecutive|straight|how long|how many months|how many consecutive|"
    "lasted|running|since when"
)

# "when did the surplus start", "when did it begin": the run going on now (with "when").
RUN_START_EN: tuple[str, ...] = _phrases("start|started|begin|began|begun|starting")

STREAK_KO: tuple[str, ...] = _phrases("계속|지속|연속|몇 달|몇달|몇 개월|몇개월|째|행진|언제부터")

RECORD_EN: tuple[str, ...] = _phrases(
    "record|ever|all time|all-time|highest|lowest|peak|on record|historic|best month|"
    "worst month|biggest month|strongest month|weakest month|smallest month|top month"
)

RECORD_KO: tuple[str, ...] = _phrases(
    "사상|역대|최대|최고|최저|최소|신기록|기록|가장 높|가장 낮|제일 높|제일 낮|가장 컸|가장 적었|"
    "가장 작았|제일 컸|제일 적었|가장 많았|가장 큰|제일 큰|가장 작은|제일 작은"
)

# A record of growth, not of levels ("fastest export growth on record", "증가율 최고").
RECORD_GROWTH_EN: tuple[str, ...] = _phrases(
    "growth|growth rate|yoy|y y|year on year|percent|fastest|rise|increase|increases"
)

RECORD_GROWTH_KO: tuple[str, ...] = _phrases("증가율|증감률|성장률|상승률|감소율|하락률")

LOWEST_EN: tuple[str, ...] = _phrases("lowest|record low|bottom|worst|weakest|smallest")

LOWEST_KO: tuple[str, ...] = _phrases("최저|최소|최악|낮|적었|작았|작은")

RANK_EN: tuple[str, ...] = _phrases(
    "top|best|worst|biggest|largest|smallest|most|least|fastest|slowest|rank|ranking|ranked|"
    "leading|bottom|strongest|weakest|which|by|breakdown|each"
)

RANK_KO: tuple[str, ...] = _phrases(
    "1위|2위|3위|별|품목별|국가별|순위|상위|하위|가장|제일|어떤|어느|무슨|어디|많이"
)

WORST_EN: tuple[str, ...] = _phrases("worst|bottom|weakest|slowest|least")

SMALLEST_EN: tuple[str, ...] = _phrases("smallest")

DIMENSION_EN: dict[str, str] = {
    **dict.fromkeys(
        _phrases(
            "item|items|product|products|goods|commodities|commodity|categories|category|sectors|"
            "sector"
        ),
        "product",
    ),
    **dict.fromkeys(
        _phrases(
            "partner|partners|country|countries|market|markets|destination|destinations|region|"
            "regions|economies|where|source|sources|supplier|suppliers|origin|origins|buyer|"
            "buyers|customer|customers"
        ),
        "partner",
    ),
    # "what did we import most": which item (after the partner words, so "where do we
    # import the most from" stays a partner question).
    **dict.fromkeys(
        _phrases(
            "export most|import most|exported most|imported most|export the most|"
            "import the most|exported the most|imported the most|sell most|sold most|"
            "buy most|bought most|sell the most|buy the most"
        ),
        "product",
    ),
}

DIMENSION_KO: dict[str, str] = {
    **dict.fromkeys(_phrases("품목|제품|상품"), "product"),
    **dict.fromkeys(_phrases("국가|나라|지역|시장|상대국|어디"), "partner"),
}

# Verbs a reporter uses for "went up / went down"; each is also in UP_EN or DOWN_EN.
_UP_VERBS = (
    "grown|grows|rises|gains|increases|expand|expanded|expanding|expands|climb|climbed|"
    "climbing|climbs|rebound|rebounded|rebounding|recover|recovered|recovering|advance|"
    "advanced|surge|soar|soared|soaring|jumps|picked up"
)
_DOWN_VERBS = (
    "falls|declines|drops|decreases|shrunk|shrinking|shrinks|contract|contracted|"
    "contracting|contracts|plunge|plunged|plunging|slide|slid|sliding|tumble|tumbled|"
    "tumbling|slump|sink|sank|sinking|retreat|retreated|slowed"
)

GROWTH_EN: tuple[str, ...] = _phrases(
    "grew|grow|growing|growth|rose|rise|risen|rising|increase|increased|increasing|gain|"
    "gained|gains|fell|fall|falling|fallen|decline|declined|declining|drop|dropped|decrease|"
    "decreased|shrank|shrink|jumped|jump|surged|slumped|performing|performers|best|worst|"
    f"fastest|slowest|percent|yoy|{_UP_VERBS}|{_DOWN_VERBS}"
)

GROWTH_KO: tuple[str, ...] = _phrases("늘|증가|성장|줄|감소|상승|하락|증가율|감소율|급증|급감")

VALUE_EN: tuple[str, ...] = _phrases("biggest|largest|smallest|value|amount|most exported|share")

VALUE_KO: tuple[str, ...] = _phrases("규모|금액|액수|비중|큰|많이 수출|많이 수입")

UP_EN: tuple[str, ...] = _phrases(
    "grew|grow|growing|growth|rose|rise|risen|rising|increase|increased|increasing|gain|"
    f"gained|up|surplus|surpluses|jumped|surged|{_UP_VERBS}"
)

DOWN_EN: tuple[str, ...] = _phrases(
    "fell|fall|falling|fallen|decline|declined|declining|drop|dropped|decrease|decreased|down|"
    f"shrank|shrink|deficit|deficits|slumped|{_DOWN_VERBS}"
)

UP_KO: tuple[str, ...] = _phrases("늘|증가|상승|흑자|성장|플러스")

DOWN_KO: tuple[str, ...] = _phrases("줄|감소|하락|적자|마이너스")

DOUBLE_DIGIT_EN: tuple[str, ...] = _phrases("double digit|double-digit|double digits")

DOUBLE_DIGIT_KO: tuple[str, ...] = _phrases("두 자릿수|두자릿수|두 자리|두자리")

# "trade with China": both flows, unless a flow is named.
TRADE_BOTH_EN: tuple[str, ...] = _phrases("trade|traded|trading")

TRADE_BOTH_KO: tuple[str, ...] = _phrases("수출입|교역|무역")

# Particles and endings that may follow a Korean noun; longest first when stripping.
KO_PARTICLES: tuple[str, ...] = tuple(
    sorted(
        _phrases(
            "으로부터의|로부터의|으로부터|로부터|에게서|한테|께서|에서는|으로의|에서의|으로는|쪽으로|으로도|이랑은|에서|에게|으로|까지|부터|"
            # the copula after a noun: "적자였어", "흑자였던 달", "반도체인가"
            "였어요|였어|였나요|였나|였던|였지|였다|였을까|이었어|이었나|이었던|이었다|인가요|인가|인데|"
            "이나|이랑|하고|에는|로의|보다|처럼|엔요|은요|는요|이요|이야|이고|로는|와의|"
            "과의|만의|관련|분야|부문|로도|에도|은|는|이|가|을|를|의|에|로|와|과|도|"
            "만|향|나|랑|및|요|엔|산|등|쪽|야|고|별|간|용"
        ),
        key=len,
        reverse=True,
    )
)

# Prefixes that turn a partner into "towards it" (대중국 = to China, 대미 = to the US).
KO_PREFIXES: tuple[str, ...] = _phrases("대")

# Korean words (by stem) that carry no subject: question words, verbs, units, cues.
KO_STOP_STEMS: tuple[str, ...] = _phrases(
    "계속|지속|연간|연도|한해|위|보여|설명|요약|정리|분석|전망|예상|이유|왜|때문|수출입|교역|무역|별|각|얼마|어떻|어땠|어때|어떤|어느|어디|무슨|뭐|무엇|"
    "알려|보여|말해|궁금|늘|줄|증가|감소|상승|하락|성장|했|했나|했어|했니|됐|"
    "되|된|됩|입니|인가|인지|나요|까요|가요|줘|주세요|주라|봐|줄래|몇|가장|"
    "제일|많이|많은|적게|최고|최대|최저|최소|사상|역대|연속|동안|기록|규모|실적|"
    "추이|추세|동향|현황|통계|데이터|자료|금액|액수|품목|국가|나라|지역|시장|"
    "상대국|상위|하위|순위|대비|비교|전년|동월|동기|작년|올해|금년|지난|이번|"
    "이달|전월|전달|지난달|지난해|작년|내년|분기|상반기|하반기|반기|월|년|개월|"
    "달|누계|누적|들어|까지|부터|기준|현재|지금|요즘|최근|최신|새|소식|도움|"
    "사용법|명령|차트|그래프|그려|추세|그리고|또|및|그럼|그러면|혹시|좀|정말|"
    "진짜|전체|총|수치|숫자|액|률|율|퍼센트|억|달러|만|조|대한|관한|에|대해|"
    "안녕|하이|감사|고마|흑자|적자|증감|변화|변동|성적|얼만|어느정도|정도|대략|"
    "약|행진|째|언제|얼마나|오른|내린|올랐|떨어|급증|급감|두|자릿|자리|만에|"
    "처음|첫|번째|이후|이래|만의|최장|최단|신기록|분야|부문|산업|업종|수준|같은|"
    "같은달|동월대비|전환|반등|회복|마지막|비중|점유율|차지|비율|둔화|가속|증가세|감소세|"
    "조업|영업일|근무일|감안|고려|반영|이동평균|평균|초순|속보|잠정|모멘텀|탄력|주춤|꺾|"
    "넘|이상|이하|미만|초과|웃돌|밑돌|돌파|일까지|일 기준|관세청|산업부|산업통상|통상부|공식|"
    "있|없|되고|되는|되나|난 게|났|높|낮|컸|큰|작|적었|적은|많았|폭|커지|커졌|작아|확대|축소|"
    "넓어|좁아|좁혀|돌아섰|돌아서|돌아선|바뀌|바뀐|도입|전분기|직전|정점|고점|바닥|찍|잘|괜찮|좋|나빠|나쁜|상황|나왔|나오|나온|발표|중순"
)
