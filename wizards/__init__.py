from . import party_member_transfer
