"""Filter building blocks shared by the apps' filtersets."""

import django_filters
from django.utils.translation import gettext_lazy as _

from desk.models import Estate


def user_estates(request):
    return Estate.objects.for_user(request.user) if request else Estate.objects.none()


class EstateFilterSet(django_filters.FilterSet):
    """A filterset whose estate choices are those of the user (tenants.filters has the
    building choice)."""

    estate = django_filters.ModelChoiceFilter(
        label=_("Estate"), queryset=user_estates, field_name="estate"
    )
