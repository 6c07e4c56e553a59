from ingenium_kg.errors import (
    ExportError,
    IngeniumError,
    InvalidDataError,
    SourceError,
    UnknownTermError,
    UsageError,
)


def test_messages_are_collapsed_to_one_line() -> None:
    error = SourceError("data/x.trig:3:\n  bad   syntax\n")
    assert error.message == "data/x.trig:3: bad syntax"
    assert "\n" not in str(error)


def test_every_error_is_an_ingenium_error_with_exit_code_2() -> None:
    for kind in (SourceError, UsageError, ExportError, UnknownTermError, InvalidDataError):
        error = kind("x")
        assert isinstance(error, IngeniumError)
        assert error.exit_code == 2
