#!/usr/bin/env bash
# Vendor the front-end packages (pinned) into isms/static/vendor/. The result is committed, so
# `make run` never needs Node; run this only to upgrade a version below.
set -euo pipefail
DS_CSS=1.22.0
DS_THEME=1.11.0
INTER=5.3.0
HTMX=2.0.11
SWAGGER_UI=5.35.0  # the API docs page (/api/docs/)

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/isms/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for package in "@digdir/designsystemet-css@$DS_CSS" "@digdir/designsystemet-theme@$DS_THEME" \
               "@fontsource/inter@$INTER" "htmx.org@$HTMX" "swagger-ui-dist@$SWAGGER_UI"; do
  npm pack --silent "$package" >/dev/null
done
for archive in *.tgz; do mkdir "${archive%.tgz}" && tar xzf "$archive" -C "${archive%.tgz}"; done

rm -rf "$out" && mkdir -p "$out/designsystemet" "$out/inter" "$out/htmx" "$out/swagger-ui"
cp digdir-designsystemet-css-*/package/dist/src/index.css "$out/designsystemet/index.css"
cp digdir-designsystemet-theme-*/package/brand/digdir.css "$out/designsystemet/theme.css"
cp digdir-designsystemet-css-*/package/LICENSE "$out/designsystemet/LICENSE" 2>/dev/null \
  || cp digdir-designsystemet-theme-*/package/LICENSE "$out/designsystemet/LICENSE"
cp htmx.org-*/package/dist/htmx.min.js "$out/htmx/htmx.min.js"
cp htmx.org-*/package/LICENSE "$out/htmx/LICENSE"
cp fontsource-inter-*/package/LICENSE "$out/inter/LICENSE"
for file in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE; do cp "swagger-ui-dist-$SWAGGER_UI/package/$file" "$out/swagger-ui/"; done
# No source maps are vendored: drop the reference, or collectstatic's manifest would look for the file.
sed -i '/sourceMappingURL/d' "$out/swagger-ui/swagger-ui.css"
{
  echo "/* Inter (SIL Open Font License 1.1), latin subset, from @fontsource/inter $INTER. */"
  for weight in 400 500 600 700; do
    cp "fontsource-inter-$INTER/package/files/inter-latin-$weight-normal.woff2" "$out/inter/"
    printf '@font-face{font-family:"Inter";font-style:normal;font-display:swap;font-weight:%s;src:url("inter-latin-%s-normal.woff2") format("woff2");}\n' "$weight" "$weight"
  done
  cp "fontsource-inter-$INTER/package/files/inter-latin-400-italic.woff2" "$out/inter/"
  printf '@font-face{font-family:"Inter";font-style:italic;font-display:swap;font-weight:400;src:url("inter-latin-400-italic.woff2") format("woff2");}\n'
} > "$out/inter/inter.css"
printf 'designsystemet-css %s\ndesignsystemet-theme %s\n@fontsource/inter %s\nhtmx.org %s\nswagger-ui-dist %s\n' \
  "$DS_CSS" "$DS_THEME" "$INTER" "$HTMX" "$SWAGGER_UI" > "$out/VERSIONS"
echo "Vendored into $out"
