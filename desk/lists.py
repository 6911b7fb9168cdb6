"""The list page every app uses: scoped, filtered (django-filter), paginated, and exported.

A list that declares `export_columns` also answers as an Excel workbook of every row its
filters select (not just the page): route the same view a second time with
`as_view(export=True)` and name that route in `export_url_name`; the filter bar then shows
"Export to Excel" with the current filters. A long list is exported by a job in the worker,
with a progress page (see desk/list_exports.py).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_filters.views import FilterView

from desk.list_exports import list_export_response
from desk.scoping import ScopedViewMixin


class ScopedFilterListView(ScopedViewMixin, FilterView):
    paginate_by = settings.PAGE_SIZE
    # An invalid filter value shows its error next to the field, and the rows the other
    # filters select (the export gives the same rows): never a 500.
    strict = False
    partial_template_name = None
    export = False  # as_view(export=True): the filtered rows as a workbook
    export_url_name = ""
    export_permission = ""  # needed on top of the list's own, where a bulk copy is sensitive
    export_filename = "list"  # the file is <export_filename>-<today>.xlsx
    export_title = ""  # the sheet's title
    export_related = ()  # what the export's columns read beyond the page's (select_related)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.export_url_name and self.may_export():
            context["export_url"] = reverse(self.export_url_name)
        return context

    def export_columns(self):
        """[(header, cell)], `cell(row)` giving the value; contact data through
        `desk.privacy.contact_for(self.request.user, ...)`, times through `excel_time`."""
        raise NotImplementedError

    def may_export(self):
        return not self.export_permission or self.request.user.has_perm(self.export_permission)

    def get(self, request, *args, **kwargs):
        if not self.export:
            return super().get(request, *args, **kwargs)
        if not self.may_export():
            raise PermissionDenied
        return list_export_response(self, request, kwargs)
