"""The kiosk's screens, one module each: home, matters, confirm, ticket, guide, notice, staff."""
