"""The user's estates, read once per user object (a request) and shared by its readers."""

import pytest

from desk.scoping import forget_estates, user_estate_ids, user_estates
from tests.factories import EstateFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_users_estates_are_read_once_with_their_ids(django_assert_num_queries):
    north, south = EstateFactory(name="北苑"), EstateFactory(name="南苑")
    EstateFactory(name="别人的")
    user = UserFactory(estates=[south, north])
    with django_assert_num_queries(1):
        estates = user_estates(user)
        assert user_estate_ids(user) == sorted([north.pk, south.pk])
        assert user_estates(user) == estates
    assert [estate.name for estate in estates] == sorted(["北苑", "南苑"])
    estates.clear()  # a caller's own list: the next reader gets them all again
    assert len(user_estates(user)) == 2


def test_a_change_of_estates_is_read_again_once_forgotten():
    first, second = EstateFactory(), EstateFactory()
    user = UserFactory(estates=[first])
    assert user_estates(user) == [first]
    user.estates.add(second)
    forget_estates(user)
    assert {estate.pk for estate in user_estates(user)} == {first.pk, second.pk}


def test_a_superuser_reads_every_estate_as_their_scoped_queries_do():
    estates = [EstateFactory(), EstateFactory()]
    admin = UserFactory(is_superuser=True)
    assert {estate.pk for estate in user_estates(admin)} == {estate.pk for estate in estates}
    assert user_estate_ids(admin) == []
