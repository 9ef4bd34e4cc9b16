"""'Ik wil helpen' through the API v3: a resident's response to a vacancy."""

from ninja import Router

router = Router(tags=["vrijwilligerswerk"])
