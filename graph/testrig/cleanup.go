package testrig

import "sync"

var (
	templatesMu sync.Mutex
	templates   [][2]string
)

func registerTemplateCleanup(base, name string) {
	templatesMu.Lock()
	defer templatesMu.Unlock()
	templates = append(templates, [2]string{base, name})
}

// DropTemplates removes the template databases this test process made. Call it from
// TestMain after m.Run; leftovers are harmless but accumulate.
func DropTemplates() {
	templatesMu.Lock()
	defer templatesMu.Unlock()
	for _, tpl := range templates {
		dropDatabase(tpl[0], tpl[1])
	}
	templates = nil
}
