"""Forms shared by the web pages: sign-in, password change, and the Bootstrap look of every form."""

import re
from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError

from inti.tampilan import format_angka_penuh


class BootstrapMixin:
    """Gives every widget the Bootstrap class it needs, so templates can render fields plainly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        # Bootstrap shows a field's `invalid-feedback` only next to an input marked `is-invalid`.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class FormulirMasuk(BootstrapMixin, AuthenticationForm):
    # Stated here, not left to the active locale: the sign-in page is Indonesian whatever the browser asks.
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil.",
        "inactive": "Akun ini tidak aktif. Hubungi admin Pemda.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"


class FormulirGantiSandi(BootstrapMixin, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Kata sandi lama salah. Silakan ulangi.",
        "password_mismatch": "Kedua kata sandi baru tidak sama.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Kata sandi lama"
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password2"].label = "Ulangi kata sandi baru"


class NilaiField(forms.Field):
    """An indicator or money value typed the Indonesian way: 0,094 or 1.234.567,89.

    Parsed by its own rule, not by the active locale, so an English browser cannot turn "0,094" into 94.
    A dot is only a thousands separator in full groups (1.234.567); "1.5" or "0.094" is refused with a
    hint to use the comma, since guessing would store a value a thousand times off. Never goes through
    float. `max_digits` and `decimal_places` are the column's (`inti.periode.NILAI_DIGITS`, `UANG_DIGITS`).
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": "Masukkan angka dengan koma sebagai pemisah desimal, mis. 0,094 atau 1.234.567,89.",
        "max_decimal_places": "Paling banyak %(max)s angka di belakang koma.",
        "max_whole_digits": "Paling banyak %(max)s angka sebelum koma.",
    }
    _POLA = re.compile(r"[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?")

    def __init__(self, *, max_digits: int, decimal_places: int, **kwargs):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        teks = str(value).strip().replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
        if not self._POLA.fullmatch(teks):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        nilai = Decimal(teks.replace(".", "").replace(",", "."))
        tanda, angka, pangkat = nilai.as_tuple()
        # Trailing zeros after the comma carry no value; dropped without rounding anything else.
        while pangkat < 0 and len(angka) > 1 and angka[-1] == 0:
            angka, pangkat = angka[:-1], pangkat + 1
        return Decimal((tanda, angka, pangkat))

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        pangkat = value.as_tuple().exponent
        desimal = -pangkat if pangkat < 0 else 0
        if desimal > self.decimal_places:
            raise ValidationError(
                self.error_messages["max_decimal_places"], code="max_decimal_places",
                params={"max": self.decimal_places},
            )
        bulat = self.max_digits - self.decimal_places
        if abs(value) >= Decimal(10) ** bulat:
            raise ValidationError(
                self.error_messages["max_whole_digits"], code="max_whole_digits", params={"max": bulat}
            )

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_angka_penuh(value)
        return value


class TanggalField(forms.DateField):
    """A date typed day first (dd/mm/yyyy, the hint "hh/bb/tttt") whatever the browser's language: a
    browser's own date input shows the format of its language. dd-mm-yyyy and ISO dates are read too."""

    FORMAT = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]

    def __init__(self, *, label: str, contoh: str = "31/01/2023", pesan: str | None = None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                attrs={"placeholder": "hh/bb/tttt", "inputmode": "numeric", "maxlength": "10"}, format="%d/%m/%Y"
            ),
        )
        pesan = pesan or f"{label} tidak valid; gunakan format hh/bb/tttt, mis. {contoh}."
        super().__init__(label=label, input_formats=self.FORMAT, error_messages={"invalid": pesan}, **kwargs)
