# frozen_string_literal: true

require "socket"

module DocHarness
  # A DriverResult that is not a value (harness/run/driver.ts), and how a Ruby error reads in one.
  module Failure
    # Errors a connection to somewhere other than the mock ends in, when the guard was undone.
    NETWORK_ERRORS = [SocketError, Errno::ENETUNREACH, Errno::EHOSTUNREACH, Errno::EADDRNOTAVAIL].freeze

    module_function

    def build(kind, message, detail: nil, line: nil, column: nil)
      error = {kind: kind, message: message}
      error[:detail] = detail if detail && !detail.empty?
      if line
        error[:line] = line
        error[:column] = column if column
      end
      {ok: false, error: error}
    end

    # The verdict kind and one-line message of an error the snippet raised.
    def classify(error, limits)
      case error
      when SystemExit
        # `abort("…")` is a SystemExit too, with its message instead of "exit".
        called = error.message == "exit" ? "exit(#{error.status})" : "abort(#{error.message.inspect})"
        ["runtime", "the snippet called #{called}"]
      when NoMemoryError then ["limit", "memory limit #{format_bytes(limits.fetch("memoryBytes"))} exceeded"]
      when Errno::EFBIG, Errno::ENOSPC then ["limit", "file size limit #{format_bytes(limits.fetch("fileBytes"))} exceeded"]
      when *NETWORK_ERRORS then ["network", "#{describe(error)} (the sandbox reaches nothing but the mock)"]
      else ["runtime", describe(error)]
      end
    end

    # `NoMethodError: undefined method `foo' for nil:NilClass`: the class and the message's first
    # line (did_you_mean and error_highlight add lines; they are in the detail).
    def describe(error)
      name = error.class.name || error.class.inspect
      text = first_line(error.message)
      text.empty? ? name : "#{name}: #{text}"
    end

    def first_line(text)
      text.to_s.lines.map(&:strip).find { |line| !line.empty? } || ""
    end

    # The error's whole message and its backtrace down to the snippet's outermost frame (the
    # driver's own frames under it are of no interest to the reader).
    def detail(error, filename)
      frames = error.backtrace || []
      last = frames.rindex { |frame| frame.start_with?("#{filename}:") }
      frames = frames[0..last] if last
      ["#{error.class.name || error.class.inspect}: #{error.message}", *frames.map { |frame| "  from #{frame}" }].join("\n")
    end

    # The sample's CPU limits, [soft, hard] seconds: past the soft one the kernel sends SIGXCPU,
    # which says what happened; past the hard one SIGKILL, which does not. The sandbox's own hard
    # limit caps both, so the soft one goes a second under it when the two would meet.
    def cpu_limits(seconds)
      _, ceiling = Process.getrlimit(:CPU)
      hard = ceiling == Process::RLIM_INFINITY ? seconds + 1 : [seconds + 1, ceiling].min
      [[seconds, hard - 1].min.clamp(1, hard), hard]
    end

    # As harness/run/sandbox/limits.ts formatBytes: `1 GiB`, `1.5 MiB`, `100 bytes`.
    def format_bytes(count)
      [["GiB", 1 << 30], ["MiB", 1 << 20], ["KiB", 1 << 10]].each do |unit, size|
        next if count < size

        value = count.fdiv(size)
        return value == value.floor ? "#{value.to_i} #{unit}" : "#{format("%.1f", value)} #{unit}"
      end
      "#{count} bytes"
    end
  end
end
