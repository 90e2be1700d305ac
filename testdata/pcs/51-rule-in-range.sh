pcs resource create batch ocf:pacemaker:Dummy
pcs constraint location batch rule score=50 date in_range 2024-01-01 to 2024-06-30
pcs constraint location batch rule id=promo score=20 date in_range 2024-07-01 to duration months=2 weeks=1
pcs constraint location batch rule score=10 date lt 2030-01-01T00:00:00
