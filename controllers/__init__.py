from . import party_signin
