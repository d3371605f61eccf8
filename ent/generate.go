// Package ent holds the database client that entc generates from ./schema.
package ent

//go:generate go run -mod=mod entc.go
