"""Collectivities (tenants): their creation from the command line and their settings.

The package, one module per purpose:
- ``codes``: why a creation or a settings update is refused;
- ``creation``: a collectivity from nothing, with its first administrator invited by mail
  (``creneau tenant create``);
- ``settings``: the settings an administrator reads and changes (``collectivitySettings``,
  ``collectivitySettingsUpdate``), stored under the keys the capabilities already read.
"""
