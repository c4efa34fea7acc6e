"""Small helpers shared by the apps' services and views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, *, fallback: str = "item") -> str:
    """A slug of `text` no row of `model` uses yet: "parking", then "parking-2", "parking-3"."""
    base = slugify(text)[:180] or fallback
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def form_errors_from(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when it names one of the
    form's fields, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
