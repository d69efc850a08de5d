// Package greeting is the local module the hello fixture depends on through a replace directive.
package greeting

// Hello greets someone.
func Hello(name string) string { return "hello, " + name }
