from . import party_signin
from . import party_login
from . import party_report
