"""The words around the vocabulary: question cues, filler and the traps, in English and Korean.

The vocabulary (names.csv) names series; this module names what people say about
them: "top", "in a row", "record", "차트", particles, and words that must never be
read as a series ("Korea" is the reporter, not a partner; "North Korea" is not
covered). They are language, not data, so they live in code and are tested as tables.
English cues are whole tokens or token phrases; Korean cues are substrings (stems),
because Korean attaches particles and endings to them ("늘었나", "연속으로").
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


__all__ = [
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
    "GROWTH_EN",
    "GROWTH_KO",
    "HELP_EN",
    "HELP_KO",
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
    "RECORD_KO",
    "REPORTER_PHRASES",
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

# South Korea reports these figures: naming it adds nothing and is never a partner.
REPORTER_PHRASES: frozenset[str] = frozenset(
    {
        "south korea",
        "south korean",
        "south korea s",
        "korea",
        "korean",
        "korea s",
        "koreas",
        "s korea",
        "s korean",
        "republic of korea",
        "rok",
        "한국",
        "대한민국",
        "우리나라",
        "국내",
        "남한",
        "한국의",
        "한국은",
        "한국이",
    }
)
# Places people ask about that the data does not cover and that must not fuzzy-match.
UNSUPPORTED_PHRASES: frozenset[str] = frozenset(
    {"north korea", "north korean", "dprk", "북한", "북한의", "북한으로", "북한에"}
)

STOPWORDS_EN: frozenset[str] = frozenset(
    _words(
        """
        a about after again ago all also am an and any anything are as at be been before being
        between both but by can could data did do does doing done during each eh else for from
        get give go going got had has have having he hello her here hey hi him his how i if in
        into is it its just know last let like look me mine more much my need next no not now of
        off on one only or other our out over own please pls plz same say see she should show
        since so some still such tell than thank thanks that the their them then there these
        they this those through thx till to today too total u under until up upon us very via
        want was we were what whats when where whether which while who whom why will with within
        would year years yes yet you your yours month months monthly annual annually figure
        figures number numbers value values amount amounts level levels stats statistics
        statistic info information result results report reports did how many much s t re ve ll
        d m okay ok hmm please kindly happened happen doing perform performed performance
        performing look looking looked compare compared comparison versus vs against relative
        change changes changed growth grow grew growing grown rise rose risen rising fall fell
        fallen falling increase increased increasing decrease decreased decreasing decline
        declined declining drop dropped dropping gain gained jump jumped surge surged slump
        slumped up down per cent percent pct usd dollar dollars billion billions million
        millions bn mn trade trading traded korea's nation nations country's goods shipments
        shipped sold sell selling buy bought period periods time times date so far ytd record
        records ever high low highest lowest peak best worst top bottom biggest largest smallest
        fastest slowest most least rank ranking ranked ranks order sorted list chart charts
        graph graphs plot plots trend trends history historical streak streaks row consecutive
        straight running lasted last lasting long continue continued continuing still latest
        newest recent recently new news release released releases update updates help commands
        command start stop quarter quarters half halves first second third fourth double digit
        digits items item products product partners partner countries country markets market
        destinations destination regions region economies sectors sector categories category
        commodities commodity yoy mom qoq y o on year-on-year overall headline just exactly
        approximately roughly around ago earlier later previous prior following current
        currently present now versus whats what's
        """
    )
)

# "us" is the pronoun right after these words ("tell us", "show us"), the country otherwise.
PRONOUN_US_BEFORE: frozenset[str] = frozenset(
    _words(
        """
        tell show give let help send get make for with remind teach brief inform update email
        ping text message bring ask lets join among of about
        """
    )
)

HELP_EN: tuple[str, ...] = (
    "help",
    "hi",
    "hello",
    "hey",
    "start",
    "what can you do",
    "what do you do",
    "how do i use",
    "how to use",
    "commands",
    "usage",
    "what can i ask",
    "how does this work",
)
HELP_KO: tuple[str, ...] = (
    "안녕",
    "도움말",
    "도움",
    "사용법",
    "명령어",
    "뭘 할 수",
    "무엇을 할 수",
    "어떻게 써",
)

LATEST_EN: tuple[str, ...] = (
    "latest",
    "what s new",
    "whats new",
    "what is new",
    "news",
    "newest",
    "most recent",
    "latest release",
    "new release",
    "recent",
)
LATEST_KO: tuple[str, ...] = ("최신", "최근", "새 소식", "새소식", "새로운", "요즘")

CHART_EN: tuple[str, ...] = (
    "chart",
    "charts",
    "graph",
    "graphs",
    "plot",
    "plots",
    "trend",
    "trends",
)
CHART_KO: tuple[str, ...] = ("차트", "그래프", "추이", "추세", "그려")

COMPARE_EN: tuple[str, ...] = (
    "vs",
    "versus",
    "compare",
    "compared",
    "comparing",
    "comparison",
    "against",
    "relative to",
)
COMPARE_KO: tuple[str, ...] = ("대비", "비교", "견줘", "vs")

YEAR_AGO_EN: tuple[str, ...] = (
    "a year ago",
    "a year earlier",
    "year ago",
    "year earlier",
    "same month last year",
    "same month a year ago",
    "same month of last year",
    "same period last year",
    "the previous year",
    "the year before",
)
YEAR_AGO_KO: tuple[str, ...] = (
    "전년 동월",
    "전년동월",
    "작년 같은 달",
    "1년 전",
    "일년 전",
    "전년 같은",
)

STREAK_EN: tuple[str, ...] = (
    "streak",
    "in a row",
    "consecutive",
    "straight",
    "how long",
    "how many months",
    "how many consecutive",
    "lasted",
    "running",
    "since when",
)
STREAK_KO: tuple[str, ...] = (
    "연속",
    "몇 달",
    "몇달",
    "몇 개월",
    "몇개월",
    "째",
    "행진",
    "언제부터",
)

RECORD_EN: tuple[str, ...] = (
    "record",
    "ever",
    "all time",
    "all-time",
    "highest",
    "lowest",
    "peak",
    "on record",
    "historic",
)
RECORD_KO: tuple[str, ...] = ("사상", "역대", "최대", "최고", "최저", "최소", "신기록", "기록")
LOWEST_EN: tuple[str, ...] = ("lowest", "record low", "bottom", "worst", "weakest", "smallest")
LOWEST_KO: tuple[str, ...] = ("최저", "최소", "최악")

RANK_EN: tuple[str, ...] = (
    "top",
    "best",
    "worst",
    "biggest",
    "largest",
    "smallest",
    "most",
    "least",
    "fastest",
    "slowest",
    "rank",
    "ranking",
    "ranked",
    "leading",
    "bottom",
    "strongest",
    "weakest",
    "which",
    "by",
    "breakdown",
    "each",
)
RANK_KO: tuple[str, ...] = (
    "별",
    "품목별",
    "국가별",
    "순위",
    "상위",
    "하위",
    "가장",
    "제일",
    "어떤",
    "어느",
    "무슨",
    "어디",
    "많이",
)
WORST_EN: tuple[str, ...] = ("worst", "bottom", "weakest", "slowest", "least")
SMALLEST_EN: tuple[str, ...] = ("smallest",)

DIMENSION_EN: dict[str, str] = {
    **dict.fromkeys(
        _words(
            """
            item items product products goods commodities commodity categories category sectors
            sector
            """
        ),
        "product",
    ),
    **dict.fromkeys(
        _words(
            """
            partner partners country countries market markets destination destinations region
            regions economies where
            """
        ),
        "partner",
    ),
}
DIMENSION_KO: dict[str, str] = {
    "품목": "product",
    "제품": "product",
    "상품": "product",
    "국가": "partner",
    "나라": "partner",
    "지역": "partner",
    "시장": "partner",
    "상대국": "partner",
    "어디": "partner",
}

GROWTH_EN: tuple[str, ...] = (
    "grew",
    "grow",
    "growing",
    "growth",
    "rose",
    "rise",
    "risen",
    "rising",
    "increase",
    "increased",
    "increasing",
    "gain",
    "gained",
    "gains",
    "fell",
    "fall",
    "falling",
    "fallen",
    "decline",
    "declined",
    "declining",
    "drop",
    "dropped",
    "decrease",
    "decreased",
    "shrank",
    "shrink",
    "jumped",
    "jump",
    "surged",
    "slumped",
    "performing",
    "performers",
    "best",
    "worst",
    "fastest",
    "slowest",
    "percent",
    "yoy",
)
GROWTH_KO: tuple[str, ...] = (
    "늘",
    "증가",
    "성장",
    "줄",
    "감소",
    "상승",
    "하락",
    "증가율",
    "감소율",
    "급증",
    "급감",
)
VALUE_EN: tuple[str, ...] = (
    "biggest",
    "largest",
    "smallest",
    "value",
    "amount",
    "most exported",
    "share",
)
VALUE_KO: tuple[str, ...] = ("규모", "금액", "액수", "비중", "큰", "많이 수출", "많이 수입")

UP_EN: tuple[str, ...] = (
    "grew",
    "grow",
    "growing",
    "growth",
    "rose",
    "rise",
    "risen",
    "rising",
    "increase",
    "increased",
    "increasing",
    "gain",
    "gained",
    "up",
    "surplus",
    "surpluses",
    "jumped",
    "surged",
)
DOWN_EN: tuple[str, ...] = (
    "fell",
    "fall",
    "falling",
    "fallen",
    "decline",
    "declined",
    "declining",
    "drop",
    "dropped",
    "decrease",
    "decreased",
    "down",
    "shrank",
    "shrink",
    "deficit",
    "deficits",
    "slumped",
)
UP_KO: tuple[str, ...] = ("늘", "증가", "상승", "흑자", "성장", "플러스")
DOWN_KO: tuple[str, ...] = ("줄", "감소", "하락", "적자", "마이너스")

DOUBLE_DIGIT_EN: tuple[str, ...] = ("double digit", "double-digit", "double digits")
DOUBLE_DIGIT_KO: tuple[str, ...] = ("두 자릿수", "두자릿수", "두 자리", "두자리")

# "trade with China": both flows, unless a flow is named.
TRADE_BOTH_EN: tuple[str, ...] = ("trade", "traded", "trading")
TRADE_BOTH_KO: tuple[str, ...] = ("수출입", "교역", "무역")

# Particles and endings that may follow a Korean noun; longest first when stripping.
KO_PARTICLES: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
            은 는 이 가 을 를 의 에 에서 에게 으로 로 와 과 도 만 향 까지 부터
            이나 나 랑 이랑 하고 및 요 엔 에는 에서는 으로의 로의 보다 처럼 산 등 쪽
            엔요 은요 는요 이요 이야 야 이고 고 에서의 으로는 로는 와의 과의 만의 별
            간 용 관련 분야 부문 쪽으로 으로도 로도 에도 이랑은
            """
        ),
        key=len,
        reverse=True,
    )
)
# Prefixes that turn a partner into "towards it" (대중국 = to China, 대미 = to the US).
KO_PREFIXES: tuple[str, ...] = ("대",)

# Korean words (by stem) that carry no subject: question words, verbs, units, cues.
KO_STOP_STEMS: tuple[str, ...] = tuple(
    _words(
        """
        수출입 교역 무역 별 각
        얼마 어떻 어땠 어때 어떤 어느 어디 무슨 뭐 무엇 알려 보여 말해 궁금 늘 줄
        증가 감소 상승 하락 성장 했 했나 했어 했니 됐 되 된 됩 입니 인가 인지
        나요 까요 가요 줘 주세요 주라 봐 줄래 몇 가장 제일 많이 많은 적게 최고
        최대 최저 최소 사상 역대 연속 동안 기록 규모 실적 추이 추세 동향 현황 통계
        데이터 자료 금액 액수 품목 국가 나라 지역 시장 상대국 상위 하위 순위 대비
        비교 전년 동월 동기 작년 올해 금년 지난 이번 이달 전월 전달 지난달 지난해
        작년 내년 분기 상반기 하반기 반기 월 년 개월 달 누계 누적 들어 까지 부터
        기준 현재 지금 요즘 최근 최신 새 소식 도움 사용법 명령 차트 그래프 그려
        추세 그리고 또 및 그럼 그러면 혹시 좀 정말 진짜 전체 총 수치 숫자 액 률
        율 퍼센트 억 달러 만 조 대한 관한 에 대해 안녕 하이 감사 고마 흑자 적자
        증감 변화 변동 성적 얼만 어느정도 정도 대략 약 행진 째 언제 얼마나 오른
        내린 올랐 떨어 급증 급감 두 자릿 자리 만에 처음 첫 번째 이후 이래 만의
        최장 최단 신기록 분야 부문 산업 업종 수준 같은 같은달 동월대비
        """
    )
)
