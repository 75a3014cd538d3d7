"""Reading meeting notes: their structure, attendees, action items, dates and what to say next."""
