from . import party_signin
from . import party_inspection_survey
