pcs cluster setup c3 n1 addr=10.0.0.1 n2 addr=10.0.0.2 transport knet ip_version=ipv4 \
    knet_pmtud_interval=10 link_mode=passive crypto cipher=aes128 hash=sha1 model=nss \
    quorum auto_tie_breaker=1
