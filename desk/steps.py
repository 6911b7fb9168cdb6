"""The one view behind every step of a case's flow (dispatch, finish, respond, rule, close...).

A step is: the permission (else 403); the object through the app's access helper (another
estate's is a 404); a form, if the step has one; the app's service; then back to the
object's page (or a `next` on this site) with a message. A refusal of the rules
(`IllegalTransition`, `BusinessRuleError`) changes nothing and is shown to the user: next
to the form, or as a flash message for a step without a form (a POST-only button). A form
that carries what its user saw of the object (`seen`) lets the service refuse, under its
row lock, a step that someone else took meanwhile instead of applying it twice.

An app subclasses `StepView` once for its objects (`object_name`, `detail_url_name`, how the
object is found), then makes one view per step with `as_view(permission_required=...,
service=..., form_class=..., ...)`: see the step tables in workorders/views.py and
complaints/views.py. The service is called as
`service(<object_name>=obj, by=user, **form.cleaned_data)`; a form whose `__init__` takes a
keyword named like the object (`DispatchForm(order=...)`) is given it. Give the service
through `as_view`: a function set as a class attribute would be bound as a method.
"""

import inspect

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_htmx.http import HttpResponseClientRedirect

from desk.errors import BusinessRuleError, IllegalTransition
from desk.scoping import ScopedViewMixin

RULE_ERRORS = (IllegalTransition, BusinessRuleError)


class StepView(ScopedViewMixin, View):
    permission_required = None  # required: a step without one is a configuration error
    form_class = None  # None: a button without fields, POST only, refusals as flash messages
    service = None
    template_name = None
    partial_template_name = None  # the form alone, for an htmx request
    object_name = "object"  # the service's keyword and the template's name for the object
    detail_url_name = None  # where a step goes back to: `reverse(detail_url_name, pk=...)`
    success_message = ""  # "%(number)s dispatched.": the number is the object's str
    # Or `confirm(obj) -> str`, given the object after the step: what happened to what, and
    # what the resident was told ("Handling plan for TS-2026-000062 given: …").
    confirm = None
    label = ""  # the step's name, for a template shared by several steps
    invalid_status = 200  # the status of the form shown again with its errors

    def dispatch(self, request, *args, **kwargs):
        if self.form_class is None and request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_form(self, obj):
        if self.form_class is None:
            return None
        kwargs = {}
        if self.object_name in inspect.signature(self.form_class).parameters:
            kwargs[self.object_name] = obj  # a form about the object: `DispatchForm(order=...)`
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return self.form_class(**kwargs)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.render_form(obj, self.get_form(obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj)
        if form is not None and not form.is_valid():
            return self.render_form(obj, form, status=self.invalid_status)
        data = form.cleaned_data if form is not None else {}
        try:
            obj = self.service(**{self.object_name: obj}, by=request.user, **data) or obj
        except RULE_ERRORS as exc:
            if form is None:
                messages.error(request, str(exc))
                return self.go_back(obj)
            form.add_error(None, str(exc))
            return self.render_form(self.refresh_seen(form), form, status=self.invalid_status)
        if self.confirm is not None:
            messages.success(request, self.confirm(obj))
        else:
            messages.success(request, self.success_message % {"number": obj})
        return self.go_back(obj)

    def refresh_seen(self, form):
        """After a refusal: the object as it is now, and a form that carries (hidden) what
        its user saw of it (`form.seen(obj)`) updated to that, so that sent again, the step
        is about what its user has now been told (see complaints.forms.SeenForm)."""
        obj = self.get_object()
        if hasattr(form, "seen"):
            form.data = form.data.copy()
            for name, value in form.seen(obj).items():
                form.data[form.add_prefix(name)] = "" if value is None else str(value)
        return obj

    def is_htmx_swap(self):
        """An htmx request that swaps a part of the page (not a boosted whole page)."""
        htmx = getattr(self.request, "htmx", None)
        return bool(htmx) and not htmx.boosted

    def render_form(self, obj, form, status=200):
        partial = self.partial_template_name and self.is_htmx_swap()
        context = {self.object_name: obj, "form": form, "label": self.label}
        template = self.partial_template_name if partial else self.template_name
        return render(self.request, template, context, status=status)

    def get_success_url(self, obj):
        target = self.request.POST.get("next") or self.request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return resolve_url(self.detail_url_name, pk=obj.pk)

    def go_back(self, obj):
        """A redirect; for htmx, one the browser follows as a whole page (the flash shows)."""
        url = self.get_success_url(obj)
        if self.is_htmx_swap():
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
