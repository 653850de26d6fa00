# shellcheck shell=bash
# Fonts for the SVG tests (tests/svg.rs, tests/text_metrics.rs): resvg
# renders the diagrams with them, and the text-metrics test checks that the
# built-in width table of diagram::text covers them.
apt_packages+=(fonts-dejavu-core fonts-liberation)
