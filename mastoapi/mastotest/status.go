package mastotest

// Status posts a status as the user through POST /api/v1/statuses, with any further
// form fields (visibility, in_reply_to_id…), and returns its ID.
func (s *Server) Status(u User, text string, fields ...string) string {
	s.T.Helper()
	f := Form{"status": {text}}
	for i := 0; i+1 < len(fields); i += 2 {
		f.Add(fields[i], fields[i+1])
	}
	var st struct{ ID string }
	s.Post("/api/v1/statuses", u.Token, f).OK(&st)
	return st.ID
}
