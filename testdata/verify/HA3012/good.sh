pcs quorum update wait_for_all=1
