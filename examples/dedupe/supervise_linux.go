package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/neardup/neardup/internal/cli"
)

// The command runs in a child process of its own, watched by this one,
// so that a crash has an exit status of its own: the Go runtime ends a
// process that runs out of memory or meets a fault with status 2, the
// status of an input that failed, and nothing inside the process can
// change that. The child writes a byte to a pipe when it exits of its
// own accord; a child that exits without it crashed (cli.ExitCrash).

// workerEnv marks the child, which does the work.
const workerEnv = "DEDUPE_WORKER"

// supervise runs the command in a child process and returns its exit
// status, with ok; ok is false in the child itself, or when no child
// can be started, and the caller then does the work.
func supervise() (status int, ok bool) {
	if os.Getenv(workerEnv) != "" {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	done, doneW, err := os.Pipe()
	if err != nil {
		return 0, false
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{doneW} // fd 3 in the child
	// The child goes with this process, even killed with SIGKILL.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	// Signals meant for the command go to the child, which handles them
	// as the command would; this process waits for it. (Caught here,
	// not ignored: an ignored signal would stay ignored in the child.)
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	if err := cmd.Start(); err != nil {
		signal.Stop(sigs)
		done.Close()
		doneW.Close()
		return 0, false
	}
	doneW.Close()
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	marked := make(chan bool, 1)
	go func() {
		var b [1]byte
		n, _ := io.ReadFull(done, b[:])
		marked <- n == 1
	}()
	err = cmd.Wait()
	signal.Stop(sigs)
	exited := <-marked
	var ee *exec.ExitError
	switch {
	case err == nil:
		return cli.ExitOK, true
	case !errors.As(err, &ee):
		cli.Warnf(os.Stderr, "dedupe: %v", err)
		return cli.ExitCrash, true
	case exited:
		return ee.ExitCode(), true
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() != syscall.SIGKILL {
		// Interrupted or terminated: the shell's status for it.
		return 128 + int(ws.Signal()), true
	}
	cli.Warnf(os.Stderr, "dedupe: the run crashed (%v): out of memory, a fault or a bug; its output is incomplete", err)
	return cli.ExitCrash, true
}

// exited tells the watching process that the command exits of its own
// accord, with a status it chose.
func exited() {
	if os.Getenv(workerEnv) != "" {
		done := os.NewFile(3, "done")
		_, _ = done.Write([]byte{1})
	}
}
