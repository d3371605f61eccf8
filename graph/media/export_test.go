package media

import "context"

// HoldSlot takes one of the service's processing slots until release is called, for
// tests of what waits for one.
func HoldSlot(s *Service) (release func()) {
	r, err := s.acquire(context.Background())
	if err != nil {
		panic(err)
	}
	return r
}
