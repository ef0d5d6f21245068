"""Output: a ``Briefing`` or ``Digest`` rendered for people -- ``markdown`` and ``html`` (a
review page; article text escaped, never live markup or a remote fetch). JSON is the schemas'
own serialisation."""
