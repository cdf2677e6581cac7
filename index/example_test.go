package index_test

import (
	"fmt"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/prepare"
)

// Index three articles, then find the sources of a fourth text that
// reuses a passage of the first.
func Example() {
	articles := []string{
		"أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة خمسمائة سرير، ويضم المستشفى أقساما متخصصة في جراحة القلب وطب الأطفال والعناية المركزة، ومن المتوقع أن يبدأ استقبال المرضى مطلع العام المقبل.",
		"ارتفعت أسعار النفط في التعاملات الآسيوية صباح اليوم بعد تراجع المخزونات الأمريكية أكثر من المتوقع، وصعد خام برنت إلى أعلى مستوى له في ثلاثة أسابيع.",
		"افتتح نادي الاتحاد موسمه الرياضي بفوز كبير على ضيفه بثلاثة أهداف دون رد في المباراة التي أقيمت مساء أمس على ملعب مدينة الملك عبدالله الرياضية.",
	}
	p := prepare.Of(prepare.Default)
	marks := func(text string) []uint64 {
		d, err := p.Prepare(text)
		if err != nil {
			panic(err)
		}
		return d.MarkHashes(nil)
	}
	var x index.MarkIndex
	for i, a := range articles {
		if err := x.Add(index.DocID(i), marks(a)); err != nil {
			panic(err)
		}
	}

	query := "قالت مصادر إن وزارة الصحة أعلنت اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة خمسمائة سرير، ويضم المستشفى أقساماً متخصصة في جراحة القلب وطب الأطفال، دون تحديد موعد التشغيل."
	for _, c := range x.Candidates(marks(query), index.QueryOptions{}) {
		fmt.Printf("article %d shares %d selected hashes\n", c.Doc, c.Shared)
	}
	// Output:
	// article 0 shares 6 selected hashes
}
