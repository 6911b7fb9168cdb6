"""The list page every app uses: scoped, filtered (django-filter), paginated."""

from django.conf import settings
from django_filters.views import FilterView

from desk.scoping import ScopedViewMixin


class ScopedFilterListView(ScopedViewMixin, FilterView):
    paginate_by = settings.PAGE_SIZE
    strict = False  # an invalid filter shows the form errors and no rows, never a 500

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]

    partial_template_name = None
