package cjk

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Sentences written for these tests: Chinese news prose, and Japanese
// mixing kanji, Hiragana and Katakana.
const (
	zhNews = "国家统计局周二发布的数据显示今年前三季度全国居民人均可支配收入实际增长"
	zhMore = "分析人士认为消费市场正在逐步恢复但房地产投资仍然疲弱"
	jaNews = "政府は来月から新しい交通規制を導入すると発表した"
	jaKana = "コンピューターウイルスの被害が広がっている"
)

// checkNoLoss asserts the invariant of AppendSegments: non-empty words that
// concatenate to the sanitized input.
func checkNoLoss(t testing.TB, run string, words []string) {
	t.Helper()
	for _, w := range words {
		if w == "" {
			t.Fatalf("empty word in %q", words)
		}
	}
	if got, want := strings.Join(words, ""), strings.ToValidUTF8(run, "\uFFFD"); got != want {
		t.Fatalf("words %q join to %q, want %q", words, got, want)
	}
}

func TestIsCJKMatchesUnicodeTables(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		want := isKanaMark(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
		if IsCJK(r) != want {
			t.Fatalf("IsCJK(%U) = %v, want %v", r, !want, want)
		}
		if (classify(r) != other) != want {
			t.Fatalf("classify(%U) = %d disagrees with IsCJK", r, classify(r))
		}
	}
	assert.False(t, IsCJK(-1))
	assert.False(t, IsCJK('a'))
	assert.False(t, IsCJK('ب'))
	assert.False(t, IsCJK('。'), "punctuation ends a run")
	assert.False(t, IsCJK('한'), "Korean is written with spaces")
	for _, r := range "中文日本語ひらがなカタカナーｶﾞ々𠀀" {
		assert.True(t, IsCJK(r), "%U", r)
	}
	assert.True(t, IsCJK(0x3099), "combining voiced mark, split off by decomposition")
}

func TestSegmentChinese(t *testing.T) {
	for _, s := range []string{zhNews, zhMore} {
		words := Segment(s)
		checkNoLoss(t, s, words)
		assert.Greater(t, len(words), 1)
		assert.Less(t, len(words), utf8.RuneCountInString(s)*3/4, "mostly multi-rune words: %q", words)
	}
	assert.Equal(t, []string{"纽约", "时代广场"}, Segment("纽约时代广场"))
	words := Segment(zhNews)
	for _, w := range []string{"数据", "显示", "支配", "收入", "增长"} {
		assert.Contains(t, words, w)
	}
}

func TestSegmentJapanese(t *testing.T) {
	words := Segment(jaNews)
	checkNoLoss(t, jaNews, words)
	assert.Less(t, len(words), utf8.RuneCountInString(jaNews))
	for _, w := range []string{"政府", "から", "交通", "導入", "すると"} {
		assert.Contains(t, words, w)
	}

	words = Segment(jaKana)
	checkNoLoss(t, jaKana, words)
	assert.Equal(t, "コンピューターウイルス", words[0], "Katakana with ー is one word")
	assert.Contains(t, words, "被害")

	// Decomposed kana (か + U+3099) stay in their word.
	assert.Equal(t, []string{"ウイルス", "か\u3099"}, Segment("ウイルスか\u3099"))
	assert.Equal(t, []string{"人々", "の", "時々"}, Segment("人々の時々"))
}

func TestUnknownIdeographDoesNotDegradeTheRest(t *testing.T) {
	assert.True(t, inModel('日'))
	assert.True(t, inModel('的'))
	assert.False(t, inModel('気'))
	assert.False(t, inModel('々'))
	assert.False(t, inModel(0x20000))

	// Without the split at 気 the model would score every path after it
	// alike and return single runes.
	plain := Segment(zhMore)
	mixed := Segment("気" + zhMore)
	assert.Equal(t, append([]string{"気"}, plain...), mixed)
}

func TestSegmentEdgeCases(t *testing.T) {
	assert.Empty(t, Segment(""))
	assert.Equal(t, []string{"hello world"}, Segment("hello world"))
	assert.Equal(t, []string{"中文", "\uFFFD", "テスト"}, Segment("中文\xff\xfeテスト"))
	assert.Equal(t, []string{"\uFFFD"}, Segment("\xff"))
	assert.Equal(t, []string{"々", "人"}, Segment("々人"))
	assert.Equal(t, []string{"ー"}, Segment("ー"))
	for _, s := range []string{"\x00", "中", "\xe4\xb8", "中\xe4\xb8", "a中b", "。、", "𠀀𠀁"} {
		checkNoLoss(t, s, Segment(s))
	}

	dst := []string{"keep"}
	dst = AppendSegments(dst, "纽约时代广场")
	assert.Equal(t, []string{"keep", "纽约", "时代广场"}, dst)
	// An iteration mark never reaches into words that were already in dst.
	assert.Equal(t, []string{"人", "々"}, AppendSegments([]string{"人"}, "々"))
}

func TestSegmentLongRun(t *testing.T) {
	long := strings.Repeat(zhNews+zhMore, 40) // about 2,600 runes: many chunks
	words := Segment(long)
	checkNoLoss(t, long, words)
	for _, w := range words {
		require.LessOrEqual(t, utf8.RuneCountInString(w), maxChunk)
	}
	// Cutting into chunks does not split words: away from the seams, the
	// sentence segments as it does alone.
	assert.Greater(t, strings.Count(strings.Join(words, "|"), "|数据|显示|"), 35)

	// A megabyte of text of each kind, including runes the model lacks.
	for _, unit := range []string{"中文分词", "気", "ひらがな", "\xff", "a"} {
		huge := strings.Repeat(unit, (1<<20)/len(unit))
		if testing.Short() && unit == "中文分词" {
			huge = huge[:1<<16]
		}
		checkNoLoss(t, huge, Segment(huge))
	}
}

func TestNoLossMixed(t *testing.T) {
	alphabet := []string{"中", "文", "的", "気", "々", "ひ", "ら", "カ", "ー", "\u3099", "a", " ", "\xff", "\xe4", "ب", "𠀀", "。"}
	state := uint32(1)
	for i := range 2000 {
		var b strings.Builder
		n := int(state % 40)
		if i%100 == 0 {
			n *= 20 // past maxChunk
		}
		for range n {
			state = state*1664525 + 1013904223
			b.WriteString(alphabet[(state>>16)%uint32(len(alphabet))])
		}
		s := b.String()
		checkNoLoss(t, s, Segment(s))
	}
}

// TestColdStart runs in a fresh process, so it sees the package before any
// other test has loaded the model whatever the test order.
func TestColdStart(t *testing.T) {
	if os.Getenv("NEARDUP_CJK_COLD") == "1" {
		coldStart(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestColdStart$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "NEARDUP_CJK_COLD=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "child process:\n%s", out)
	require.Contains(t, string(out), "--- PASS: TestColdStart")
}

func coldStart(t *testing.T) {
	// Importing the package, classifying runes and segmenting text without
	// Han does not load the model.
	require.False(t, Loaded())
	for r := rune(0); r < 0x10000; r++ {
		IsCJK(r)
	}
	Segment("")
	Segment("ひらがなとカタカナー")
	Segment("\xffabc")
	require.False(t, Loaded())

	// Many goroutines racing to be first: under -race this checks that
	// the load is ordered before every read of gse's tables.
	const n = 16
	var (
		start   = make(chan struct{})
		wg      sync.WaitGroup
		results [n][]string
	)
	for g := range n {
		wg.Go(func() {
			<-start
			for range 20 {
				results[g] = AppendSegments(Segment(jaNews), zhNews)
			}
		})
	}
	close(start)
	wg.Wait()
	require.True(t, Loaded())
	for g := 1; g < n; g++ {
		require.Equal(t, results[0], results[g])
	}
	checkNoLoss(t, jaNews+zhNews, results[0])
}

func FuzzSegment(f *testing.F) {
	// No seed is longer than maxChunk: the fuzzer's minimizer is quadratic
	// in the input length and would spend the whole run on one long input.
	// TestSegmentLongRun and TestNoLossMixed cover the chunking.
	for _, s := range []string{"", zhNews, jaNews, jaKana, "気象庁", "人々", "中\xffー", "a中", "\u3099か"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := AppendSegments([]string{"x"}, s)
		if words[0] != "x" {
			t.Fatalf("dst overwritten: %q", words)
		}
		checkNoLoss(t, s, words[1:])
	})
}

func BenchmarkSegment(b *testing.B) {
	// A few KB of Chinese, handed over one run at a time as a tokenizer
	// would after splitting at punctuation, then as one long run.
	text := strings.Repeat(zhNews+"，"+zhMore+"。", 20)
	runs := strings.FieldsFunc(text, func(r rune) bool { return !IsCJK(r) })
	bench := func(runs []string) func(*testing.B) {
		return func(b *testing.B) {
			size := 0
			for _, r := range runs {
				size += len(r)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var dst []string
			for b.Loop() {
				for _, r := range runs {
					dst = AppendSegments(dst[:0], r)
				}
			}
		}
	}
	b.Run("runs", bench(runs))
	b.Run("oneRun", bench([]string{strings.Join(runs, "")}))
}
