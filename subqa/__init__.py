"""subqa: multilingual subtitle quality assurance."""
__version__ = "0.1.0"


def check(*args, **kwargs):
    """Check subtitle files and return a Report; see :func:`subqa.api.check`."""
    from .api import check as _check

    return _check(*args, **kwargs)


def fix(*args, **kwargs):
    """Fix subtitle files without writing them; see :func:`subqa.api.fix`."""
    from .api import fix as _fix

    return _fix(*args, **kwargs)
