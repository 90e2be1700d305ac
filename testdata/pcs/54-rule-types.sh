pcs resource create app ocf:pacemaker:Dummy
pcs constraint location app rule score=1 mem gte integer 1024 and ver lt version 2.10.1
pcs constraint location app rule score=2 load lte number 0.75 or zone eq string eu-west
pcs constraint location app rule score=3 date-spec hours=0-5 or date gt 2025-03-01
