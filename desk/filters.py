"""Filter building blocks shared by the apps' filtersets."""

import django_filters
from django.utils.translation import gettext_lazy as _

from desk.models import Estate
from tenants.models import Building


def user_estates(request):
    return Estate.objects.for_user(request.user) if request else Estate.objects.none()


def user_buildings(request):
    if request is None:
        return Building.objects.none()
    return Building.objects.for_user(request.user).select_related("estate")


class EstateFilterSet(django_filters.FilterSet):
    """A filterset whose estate and building choices are those of the user."""

    estate = django_filters.ModelChoiceFilter(
        label=_("Estate"), queryset=user_estates, field_name="estate"
    )
