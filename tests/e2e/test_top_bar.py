"""The top bar at a desk's width (1280 px): every role's menu, the quick buttons, the unit
search, the account and the language fit on one line in both languages; what does not fit
moves into "More", and every entry stays one click away."""

import pytest
from playwright.sync_api import expect

from desk import roles
from desk.navigation import navigation_for
from tests.factories import EstateFactory, UserFactory


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_top_bar_is_one_line_at_1280_px_for_every_role(page_for, artifacts, language):
    estate = EstateFactory(name="翠湖花园", name_en="Green Lake Garden", code="CH")
    fitted = {}
    for role in roles.ROLES:
        user = UserFactory(
            username=f"bar-{role}", first_name="欧阳晓明", roles=[role], estates=[estate]
        )
        user.language = language
        user.save(update_fields=["language"])
        page = page_for(user)
        page.evaluate("document.fonts.ready")
        bar = page.locator("nav.navbar")
        expect(bar.locator("#mainnav[data-fitted]")).to_have_count(1)
        page.screenshot(
            path=artifacts / f"top-bar-{role}-{language}.png",
            clip={"x": 0, "y": 0, "width": 1280, "height": 110},
        )
        height = bar.bounding_box()["height"]
        overflows = page.evaluate("document.documentElement.scrollWidth > innerWidth")
        urls = [item["url"] for item in navigation_for(user)]
        shown = bar.locator("#main-menu > li.nav-item:not(#main-menu-more) > a")
        tucked = bar.locator("#main-menu-more .dropdown-menu a")
        links = shown.evaluate_all("els => els.map(a => a.getAttribute('href'))")
        links += tucked.evaluate_all("els => els.map(a => a.getAttribute('href'))")
        fitted[role] = (height < 70, overflows, links == urls)
        if tucked.count():
            bar.locator("#main-menu-more > a").click()
            expect(tucked.last).to_be_visible()
    assert fitted == dict.fromkeys(roles.ROLES, (True, False, True))
