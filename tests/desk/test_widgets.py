"""The select widget renders its options in Python (templates/django/forms/widgets/select.html)."""

from django import forms


class Pick(forms.Form):
    colour = forms.ChoiceField(
        choices=[("", "---"), ("red", "Red <b>"), ("Warm", [("amber", "Amber"), ("rust", "Rust")])]
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


def test_a_select_keeps_the_chosen_option_groups_and_escapes_labels():
    html = str(Pick({"colour": "rust", "many": ["a", "b"]})["colour"])
    assert html.startswith('<select name="colour"')
    assert '<option value="red">Red &lt;b&gt;</option>' in html
    assert '<optgroup label="Warm"><option value="amber">Amber</option>' in html
    assert '<option value="rust" selected>Rust</option>' in html
    assert html.count("selected") == 1


def test_a_multiple_select_marks_every_chosen_option():
    html = str(Pick({"colour": "red", "many": ["a", "b"]})["many"])
    assert "multiple" in html
    assert '<option value="a" selected>A</option><option value="b" selected>B</option>' in html
