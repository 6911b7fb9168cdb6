"""Money in CNY: Decimal with 2 places, rounded half up (四舍五入) wherever it is rounded."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value) -> Decimal:
    """`value` as an amount: 2 places, ROUND_HALF_UP (0.005 → 0.01, 2.345 → 2.35)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money_field_kwargs():
    return {"max_digits": 12, "decimal_places": 2}


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ["", "拾", "佰", "仟"]
_BIG = ["", "万", "亿", "兆"]


def amount_in_words(value) -> str:
    """An amount in Chinese capital numerals, as a receipt writes it (大写金额):
    1234.56 → 壹仟贰佰叁拾肆元伍角陆分; 100 → 壹佰元整; a negative amount starts with 负."""
    value = money(value)
    sign = "负" if value < 0 else ""
    value = abs(value)
    yuan = int(value)
    cents = int((value - yuan) * 100)
    words = ""
    if yuan:
        groups = []
        while yuan:
            groups.append(yuan % 10000)
            yuan //= 10000
        parts, zero_pending = [], False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                zero_pending = True
                continue
            text = ""
            digits = [group // 1000 % 10, group // 100 % 10, group // 10 % 10, group % 10]
            for pos, digit in enumerate(digits):
                if digit == 0:
                    if text or parts:
                        zero_pending = True
                    continue
                if zero_pending and (text or parts):
                    text += "零"
                zero_pending = False
                text += _DIGITS[digit] + _SMALL[3 - pos]
            parts.append(text + _BIG[index])
        words = "".join(parts) + "元"
    jiao, fen = divmod(cents, 10)
    if not jiao and not fen:
        return sign + (words or "零元") + "整"
    if words and not jiao:
        words += "零"
    if jiao:
        words += _DIGITS[jiao] + "角"
    if fen:
        words += _DIGITS[fen] + "分"
    return sign + words
