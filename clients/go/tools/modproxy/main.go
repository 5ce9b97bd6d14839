// Command modproxy publishes the SDK's module, as the Go module proxy would serve a release, into
// a GOPROXY=file:// directory: @v/list, VERSION.info, VERSION.mod and VERSION.zip, the zip made by
// golang.org/x/mod/zip (the code cmd/go itself uses, with its checks of paths and sizes). A fresh
// module then installs the SDK with go get like any published module (clients/go/ci-test).
//
//	go run . -dir ../.. -version v0.1.0 -out /tmp/goproxy
//
// It is a module of its own so that golang.org/x/mod is never a requirement of the SDK.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	dir := flag.String("dir", "", "the module's directory (holding go.mod)")
	version := flag.String("version", "", "the version to publish, e.g. v0.1.0")
	out := flag.String("out", "", "the GOPROXY directory to write")
	flag.Parse()
	if err := run(*dir, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(dir, version, out string) error {
	if dir == "" || version == "" || out == "" {
		return fmt.Errorf("usage: modproxy -dir DIR -version vX.Y.Z -out DIR")
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	path := modfile.ModulePath(gomod)
	if path == "" {
		return fmt.Errorf("%s/go.mod names no module", dir)
	}
	m := module.Version{Path: path, Version: version}
	if err := module.Check(m.Path, m.Version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	vdir := filepath.Join(out, filepath.FromSlash(escaped), "@v")
	if err := os.RemoveAll(vdir); err != nil {
		return err
	}
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		return err
	}
	zf, err := os.Create(filepath.Join(vdir, version+".zip"))
	if err != nil {
		return err
	}
	if err := zip.CreateFromDir(zf, m, dir); err != nil {
		zf.Close()
		return err
	}
	if err := zf.Close(); err != nil {
		return err
	}
	info, _ := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, time.Now().UTC().Truncate(time.Second)})
	for name, data := range map[string][]byte{
		version + ".info": info,
		version + ".mod":  gomod,
		"list":            []byte(version + "\n"),
	} {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("%s@%s published to file://%s\n", path, version, out)
	return nil
}
