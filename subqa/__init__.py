"""subqa: multilingual subtitle quality assurance."""
__version__ = "0.1.0"


def check(*args, **kwargs):
    """Check subtitle files and return a Report; see :func:`subqa.api.check`."""
    from .api import check as _check

    return _check(*args, **kwargs)
