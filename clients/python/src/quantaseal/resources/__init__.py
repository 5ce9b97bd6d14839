"""The resource groups of a :class:`~quantaseal.QuantaSeal` client, one per API tag."""

from quantaseal.resources.api_keys import ApiKeys
from quantaseal.resources.audit import Audit
from quantaseal.resources.encryption import Encryption
from quantaseal.resources.integrations import Integrations
from quantaseal.resources.proxy import Proxy
from quantaseal.resources.siem import Siem
from quantaseal.resources.vault import Vault

__all__ = ["ApiKeys", "Audit", "Encryption", "Integrations", "Proxy", "Siem", "Vault"]
