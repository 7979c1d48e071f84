# frozen_string_literal: true

# The warm Ruby process of the ruby runner (runner.ts). It loads the profile's client once (its
# gem, a checkout, or doc-harness's built-in client; DOC_HARNESS_CLIENT_SPEC describes it), says it is ready on fd 3
# (harness/run/protocol.ts), then forks one child per job: the child runs the request snippet
# against its example's mock URL under the job's limits (driver/sample.rb) and sends what came of
# it back through a pipe; this parent waits for it (at most the job's timeout), kills whatever it
# left running and answers. Everything a snippet can change (core classes, the client, ENV,
# globals, constants) is the forked child's own copy, so no sample can reach the next one. The
# contract it follows is DriverJob / DriverResult in harness/run/driver.ts.
require "json"
require "uri"
require_relative "driver/failure"
require_relative "driver/processes"
require_relative "driver/sample"

module DocHarness
  class Driver
    CHANNEL = 3
    # Where the mock finds the example when a client drops the endpoint's path (Faraday does):
    # harness/mock/slug.ts.
    EXAMPLE_HEADER = "x-doc-harness-example"
    CLIENT_HEADER = "x-doc-harness-client"
    EXAMPLE_PATH = %r{/__example/([^/]+)}
    # The profile's client (harness/profile.ts RubyClient): what to require, the module whose
    # `new` makes a client, its options and environment with `{apiKey}` and `{baseUrl}` to fill.
    SPEC = JSON.parse(ENV.fetch("DOC_HARNESS_CLIENT_SPEC", "{}")).freeze

    # A value of the profile's with the job's fake key and mock URL in it.
    def self.fill(value, job)
      case value
      when String then value.gsub("{apiKey}", job.fetch("apiKey")).gsub("{baseUrl}", job.fetch("baseUrl"))
      when Array then value.map { |item| fill(item, job) }
      when Hash then value.to_h { |key, item| [key, fill(item, job)] }
      else value
      end
    end

    def initialize
      @channel = IO.for_fd(CHANNEL, "r+", autoclose: false)
      @channel.sync = true
    end

    def main
      Encoding.default_external = Encoding::UTF_8
      begin
        load_client
      rescue Exception => e # rubocop:disable Lint/RescueException -- any failure to load is the reason to report
        return tell(type: "fatal", message: "cannot load the #{SPEC["module"]} client: #{Failure.describe(e)}")
      end
      warm_up
      @ancestors = Processes.ancestors
      @scratch = Processes.scratch_folders
      # A SIGCHLD writes to this pipe: the parent wakes the moment its sample's child ends.
      @wakeup, wakeup_writer = IO.pipe
      @wakeup_writer = wakeup_writer
      trap(:CHLD) { wakeup_writer.write_nonblock(".", exception: false) }
      GC.start
      tell(type: "ready")
      @channel.each_line do |line|
        message = JSON.parse(line)
        tell(type: "result", id: message.fetch("id"), payload: run_job(message.fetch("job")))
      end
    end

    private

    def tell(message)
      @channel.write("#{JSON.generate(message)}\n")
    end

    # The gem (installed into the cache: its folder in DOC_HARNESS_RUBY_GEM_DIR), or a
    # checkout's lib/ or the built-in client, which runner.ts put on the load path.
    def load_client
      gems = ENV["DOC_HARNESS_RUBY_GEM_DIR"]
      Gem.paths = {"GEM_HOME" => gems, "GEM_PATH" => [gems, *Gem.default_path].join(File::PATH_SEPARATOR)} if gems
      require SPEC.fetch("require")
    end

    # One client made and dropped, sending nothing: what the client loads on first use is then
    # loaded once here, not again in every child.
    def warm_up
      make_client("apiKey" => ENV.fetch("DOC_HARNESS_API_KEY", ""), "baseUrl" => "http://127.0.0.1:9").devices
    rescue StandardError
      nil # a sample that makes its client reports any real problem
    end

    def make_client(job)
      options = Driver.fill(SPEC.fetch("options", {}), job).transform_keys(&:to_sym)
      example = EXAMPLE_PATH.match(URI(job.fetch("baseUrl")).path)
      unless ENV["DOC_HARNESS_RUBY_CLIENT"] == "built-in" || example.nil?
        # The URL's last segment is the example's slug and, after `!`, the tab's client tag.
        slug, tag = example[1].split("!", 2)
        headers = {EXAMPLE_HEADER => URI::DEFAULT_PARSER.unescape(slug.tr("~", "/").tr("@", "#"))}
        headers[CLIENT_HEADER] = URI::DEFAULT_PARSER.unescape(tag) if tag
        options[:faraday_options] = {headers: headers}
      end
      Object.const_get(SPEC.fetch("module")).new(**options)
    end

    def run_job(job)
      reader, writer = IO.pipe
      # Whatever is buffered would be printed twice, once by each process.
      $stdout.flush
      $stderr.flush
      pid = fork do
        [reader, @wakeup, @wakeup_writer].each(&:close)
        trap(:CHLD, "DEFAULT")
        # The protocol channel is the parent's alone: a snippet must not be able to write to it.
        @channel.close
        Sample.new(job, writer, method(:make_client)).run
      end
      writer.close
      begin
        # Also done in the child; doing both closes the race with a kill that comes first.
        Process.setpgid(pid, pid)
      rescue SystemCallError
        nil
      end
      begin
        wait_for(pid, reader, job)
      ensure
        reader.close
        Processes.kill_group(pid)
        Processes.reap(pid)
        if job["sweep"]
          Processes.sweep(@ancestors)
          Processes.clear_scratch(@scratch)
        end
      end
    end

    # The child's answer; or, when it ends without one or runs out of time, what that means.
    def wait_for(pid, reader, job)
      deadline = now + job.fetch("timeoutMs") / 1000.0
      received = +""
      watched = [reader, @wakeup]
      loop do
        remaining = deadline - now
        return Failure.build("timeout", "did not finish within #{job.fetch("timeoutMs")} ms; stopped") if remaining <= 0

        ready, = IO.select(watched, nil, nil, remaining)
        @wakeup.read_nonblock(4096, exception: false) if ready&.include?(@wakeup)
        watched.delete(reader) if ready&.include?(reader) && drain(reader, received) == :eof
        # The child writes its whole answer as one line, then exits.
        return answer(received) if received.end_with?("\n")

        done, status = Process.waitpid2(pid, Process::WNOHANG)
        next unless done

        drain(reader, received)
        return received.end_with?("\n") ? answer(received) : ended_without_answer(status, job)
      end
    end

    def answer(line)
      JSON.parse(line)
    rescue JSON::ParserError
      Failure.build("runtime", "the sample's answer is not JSON (did the snippet change how Ruby writes JSON?)")
    end

    # Reads what the pipe holds now into `into`; :eof once no one can write to it any more.
    def drain(reader, into)
      loop do
        chunk = reader.read_nonblock(1 << 16, exception: false)
        return :eof if chunk.nil?
        return :open if chunk == :wait_readable

        into << chunk
      end
    end

    def ended_without_answer(status, job)
      limits = job.fetch("limits")
      return Failure.build("runtime", "the snippet exited with code #{status.exitstatus}") unless status.signaled?

      case Signal.signame(status.termsig)
      when "XCPU" then Failure.build("limit", "CPU time limit of #{Failure.cpu_limits(limits.fetch("cpuSeconds")).first} s exceeded")
      when "XFSZ" then Failure.build("limit", "file size limit #{Failure.format_bytes(limits.fetch("fileBytes"))} exceeded")
      else Failure.build("runtime", "the snippet was killed by SIG#{Signal.signame(status.termsig)}")
      end
    end

    def now
      Process.clock_gettime(Process::CLOCK_MONOTONIC)
    end
  end
end

DocHarness::Driver.new.main
