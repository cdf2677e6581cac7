package normalize_test

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/transform"

	"github.com/neardup/neardup/normalize"
)

func ExampleRules_String() {
	fmt.Println(normalize.Default.String("أَعْلَنَتْ الـــوزارة، يوم ٢٣ أكتوبر: «نعم»"))
	// Output: اعلنت الوزاره يوم 23 اكتوبر نعم
}

func ExampleRules_Text() {
	src := "قالَ المتحدّث: «الإنتخابات في موعدها»"
	t, _ := normalize.Default.Text(src)
	fmt.Println(t.String())
	// Map the folded word "الانتخابات" back to the original.
	i := strings.Index(t.String(), "الانتخابات")
	pos := len([]rune(t.String()[:i]))
	start, end := t.ByteSpan(pos, pos+len([]rune("الانتخابات")))
	fmt.Println(src[start:end])
	// Output:
	// قال المتحدث الانتخابات في موعدها
	// الإنتخابات
}

func ExampleRules_Transformer() {
	r := transform.NewReader(strings.NewReader("كـــوريا الشمالیة، ۲۰۲۴"), normalize.Default.Transformer())
	_, _ = io.Copy(os.Stdout, r)
	// Output: كوريا الشماليه 2024
}

func ExampleRules() {
	// Keep teh marbuta and hamza on alef distinct, fold the rest.
	r := normalize.Default
	r.TehMarbuta = false
	r.Alef = false
	fmt.Println(r.String("أُسرة كبيرة"))
	// Output: أسرة كبيرة
}
