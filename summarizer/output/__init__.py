"""Output: a ``Briefing`` or ``Digest`` rendered for people. ``view`` builds one view of it (every
heading, wording, citation and ordering decision); the templates in ``templates/`` lay that view
out as ``markdown`` and as ``html`` (a review page; article text escaped, never live markup or a
remote fetch). JSON is the schemas' own serialisation."""
