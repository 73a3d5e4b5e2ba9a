"""The hall's configuration: hall.toml -> validated settings, and the packaged sample hall."""

from servicehall.config.loader import ConfigError, load_config, parse_config, sample_text
from servicehall.config.models import HallConfig, Leader, Matter, Service, Window

__all__ = [
    "ConfigError",
    "HallConfig",
    "Leader",
    "Matter",
    "Service",
    "Window",
    "load_config",
    "parse_config",
    "sample_text",
]
