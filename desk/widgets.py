"""Form widgets of the desk's keyboard-first forms (their behaviour is in desk/js/desk.js).

- `FilterSelect`: a staff picker that filters as one types: the name, its pinyin or its
  pinyin initials ("zw" or "zhang" finds 张伟), where a native select only matches the
  start of a label, which Chinese names typed on a Latin keyboard never do.
- `DayInput`: a date in one tab stop (Chromium's date field takes three: year, month, day),
  typed as 2026-03-02; ArrowUp and ArrowDown move it a day.
"""

from functools import lru_cache

from django import forms
from pypinyin import lazy_pinyin


@lru_cache(maxsize=4096)
def search_keys(name: str) -> str:
    """What a picker matches a person's name against, lower case: the name itself, its
    pinyin run together and its initials (张伟 → "张伟 zhangwei zw")."""
    name = (name or "").strip()
    syllables = [s.lower() for s in lazy_pinyin(name) if s.strip()]
    initials = "".join(s[0] for s in syllables if s[0].isalnum())
    return " ".join(
        dict.fromkeys(part for part in (name.lower(), "".join(syllables), initials) if part)
    )


class FilterSelect(forms.Select):
    """A select whose options carry `data-keys` (see `search_keys`) for desk.js to filter
    on. `name_of(instance)` gives the name an option's keys come from (default: str)."""

    def __init__(self, attrs=None, name_of=str):
        super().__init__({"data-filter-options": "", **(attrs or {})})
        self.name_of = name_of

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-keys"] = search_keys(self.name_of(instance))
        return option


class DayInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            {
                "data-day": "",
                "inputmode": "numeric",
                "placeholder": "YYYY-MM-DD",
                "autocomplete": "off",
                "pattern": r"\d{4}-\d{2}-\d{2}",
                **(attrs or {}),
            },
            format="%Y-%m-%d",
        )
