package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup/internal/cli"
)

// The HTML report in a real browser: headless Chromium from Debian's
// packages, driven by chromedp. The checks are on the page as rendered,
// which is what a reader sees: passages and changed words highlighted,
// Arabic blocks laid out right to left, and nothing from the data run
// as script. A screenshot is kept, in $NEARDUP_ARTIFACTS if set, else in
// the test's temporary directory (its path is logged with -v).

// browser returns the Chromium to run: $NEARDUP_CHROMIUM, or the first
// of the usual names on $PATH; "" if there is none.
func browser() string {
	if p := os.Getenv("NEARDUP_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func TestHTMLReportInBrowser(t *testing.T) {
	exe := browser()
	if exe == "" {
		const how = "no Chromium on $PATH: apt-get install -y chromium, then go test -run TestHTMLReportInBrowser ./examples/dedupe"
		if os.Getenv("CI") == "true" {
			t.Fatal(how + " (CI=true: this test must run)")
		}
		t.Skip(how)
	}

	// The demo and a hostile document, reported together.
	hostileDir := hostileCorpus(t)
	out := dedupeCmd(t, "--format", "html", demoDir, hostileDir)
	require.Equal(t, cli.ExitOK, out.code, out.stderr)
	page := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(page, []byte(out.stdout), 0o644))

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitReady("main")))
	eval := func(expr string) any {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		require.NoError(t, err, expr)
		return v
	}
	passages := eval(`document.querySelectorAll("mark.r").length`).(float64)
	changed := eval(`document.querySelectorAll("mark.c").length`).(float64)
	scripts := eval(`document.scripts.length`).(float64)
	images := eval(`document.images.length`).(float64)
	// Latin runs inside Arabic paragraphs ("(AP)", the hostile markup)
	// are isolates of their own, computed left to right.
	isolated := eval(`[...document.querySelectorAll(".text p bdi")].filter(b =>
		getComputedStyle(b.parentElement.closest("p")).direction == "rtl" && getComputedStyle(b).direction == "ltr").length`).(float64)
	pwned := eval(`typeof window.pwned`)
	// The first text block that starts with an Arabic letter, and the
	// first that starts with a Latin one (the hostile text).
	arabicDir := eval(`(() => {
		const p = [...document.querySelectorAll(".text p")].find(p => /^[\u0600-\u06FF]/.test(p.textContent));
		return p ? getComputedStyle(p).direction : "none";
	})()`)
	latinDir := eval(`(() => {
		const p = [...document.querySelectorAll(".text p")].find(p => /^[<A-Za-z]/.test(p.textContent));
		return p ? getComputedStyle(p).direction : "none";
	})()`)
	text := eval(`document.body.innerText`).(string)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	require.NoError(t, err)

	assert.Greater(t, passages, 10.0, "passages highlighted")
	assert.Positive(t, changed, "changed words marked")
	assert.Positive(t, isolated, "Latin runs in Arabic paragraphs isolated, left to right")
	assert.Zero(t, scripts, "no script element")
	assert.Zero(t, images, "no image element")
	assert.Equal(t, "undefined", pwned, "no injected script ran")
	assert.Equal(t, "rtl", arabicDir, "an Arabic block is laid out right to left")
	assert.Equal(t, "ltr", latinDir, "a Latin block left to right")
	assert.Contains(t, text, "<script>window.pwned=1</script>", "the hostile text is shown as text")
	assert.Contains(t, text, "[U+202E]", "the override is shown, not obeyed")

	dir := os.Getenv("NEARDUP_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	shotPath := filepath.Join(dir, "html-report.jpg")
	require.NoError(t, os.WriteFile(shotPath, shot, 0o644))
	t.Logf("screenshot: %s", shotPath)
}
