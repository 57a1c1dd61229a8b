from . import party_signin
from . import party_login
from . import party_report
from . import party_inspection_survey
from . import party_messenger
