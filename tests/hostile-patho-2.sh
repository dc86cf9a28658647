# tests/hostile-patho-2.sh: the second half of tests/hostile-patho.sh's cases
# (its SECOND list), so that the two halves run side by side.
PATHO_PART=2
. tests/hostile-patho.sh
