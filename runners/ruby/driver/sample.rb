# frozen_string_literal: true

require "json"
require "socket"
require "uri"
require_relative "failure"
require_relative "json_value"

module DocHarness
  # One request snippet, in the child forked for it: limits, the snippet's own process group,
  # the client, the snippet evaluated at this child's top level, its answer written to the
  # parent's pipe, then `exit!` (no at_exit hook or finalizer the snippet registered runs after
  # its sample).
  class Sample
    def initialize(job, answer_pipe, make_client)
      @job = job
      @answer_pipe = answer_pipe
      @make_client = make_client
      @filename = job.fetch("filename")
      # The snippet is evaluated at its markdown lines (backtraces show the page's own lines);
      # positions sent back are the snippet's (line 1 is its first line).
      @first_line = job.fetch("firstLine")
      @offset = @first_line - 1
      # What answering takes, held before the snippet runs: redefining JSON.generate, IO#write or
      # exit! then changes what the snippet sees, not how its answer is sent.
      @generate = JSON.method(:generate)
      @write = IO.instance_method(:write)
      @exit = Process.method(:exit!)
      @getpid = Process.method(:pid)
    end

    def run
      @pid = @getpid.call
      Process.setpgid(0, 0)
      limit(@job.fetch("limits"))
      # A snippet that makes its own client (`Seam.new`) gets the fake key and the mock too.
      ENV.update(Driver.fill(Driver::SPEC.fetch("environment", {}), @job))
      NetworkGuard.install(URI(@job.fetch("baseUrl"))) do |target|
        finish(Failure.build("network", "refused a connection to #{target}: only the local mock may be reached",
          **position(caller_locations)))
      end
      finish(execute)
    rescue Exception => e # rubocop:disable Lint/RescueException -- anything here is the harness's failure
      finish(Failure.build("harness", "the sample could not be set up: #{Failure.describe(e)}"))
    end

    # Sends the answer and ends the child at once. A process the snippet forked (`fork` without a
    # block goes on running the snippet) ends here too, without answering: the sample is the child's.
    def finish(payload)
      @exit.call(0) unless @getpid.call == @pid
      line = begin
        @generate.call(payload)
      rescue JSON::GeneratorError, Encoding::UndefinedConversionError => e
        @generate.call(Failure.build("runtime", "the returned value cannot be written as JSON: #{e.message}"))
      end
      [$stdout, $stderr].each do |stream|
        stream.flush
      rescue StandardError
        nil # a snippet may have closed or replaced its streams
      end
      @write.bind_call(@answer_pipe, "#{line}\n")
      @exit.call(0)
    end

    private

    def limit(limits)
      set_limit(:AS, limits.fetch("memoryBytes"))
      Process.setrlimit(:CPU, *Failure.cpu_limits(limits.fetch("cpuSeconds")))
      set_limit(:FSIZE, limits.fetch("fileBytes"))
    end

    def set_limit(resource, wanted)
      _, hard = Process.getrlimit(resource)
      value = hard == Process::RLIM_INFINITY ? wanted : [wanted, hard].min
      Process.setrlimit(resource, value, value)
    end

    def execute
      source = @job.fetch("source")
      begin
        RubyVM::InstructionSequence.compile(source, @filename, @filename, @first_line)
      rescue SyntaxError => e
        return syntax_failure(e, source)
      end
      begin
        client = @make_client.call(@job)
      rescue StandardError => e
        return Failure.build("harness", "cannot make the #{Driver::SPEC["module"]} client: #{Failure.describe(e)}")
      end
      # The script's top level, as when the snippet is pasted into a file and run: `self` is main,
      # `def` makes private methods of Object. This child's own copy: the next sample never sees it.
      scope = TOPLEVEL_BINDING
      scope.local_variable_set(Driver::SPEC.fetch("variable").to_sym, client)
      begin
        value = scope.eval(source, @filename, @first_line)
      rescue Exception => e # rubocop:disable Lint/RescueException -- SystemExit, NoMemoryError: the snippet's too
        return snippet_failure(e)
      end
      return {ok: true, value: {kind: "void"}} if value.nil?

      {ok: true, value: {kind: "json", json: JsonValue.write(value, JsonValue.data_classes)}}
    rescue JsonValue::Unwritable => e
      Failure.build("runtime", "the returned value cannot be written as JSON: #{e.message}")
    end

    # `docs/x.md:22: syntax error, unexpected …` then, when Ruby shows it, the line and a caret
    # under the column (counted in bytes).
    def syntax_failure(error, source)
      lines = error.message.lines.map(&:chomp)
      head = /\A#{Regexp.escape(@filename)}:(\d+): (.*)\z/.match(lines.first.to_s)
      return Failure.build("syntax", "SyntaxError: #{lines.first}", detail: error.message) unless head

      line = head[1].to_i - @offset
      position = line.between?(1, source.lines.length) ? {line: line} : {}
      shown, caret = lines[1], lines[2]
      own = source.lines[line - 1]&.chomp
      if position[:line] && caret&.match?(/\A *\^~*\z/) && shown == own
        position[:column] = own.byteslice(0, caret.index("^")).to_s.scrub.length + 1
      end
      Failure.build("syntax", "SyntaxError: #{head[2]}", detail: error.message.chomp, **position)
    end

    def snippet_failure(error)
      position = position(error.backtrace_locations || [])
      detail = Failure.detail(error, @filename)
      unmatched = unmatched(error)
      if unmatched
        data = unmatched.respond_to?(:data) ? unmatched.data : nil
        return Failure.build("unmatched", Failure.first_line(unmatched.message),
          detail: data.nil? ? detail : "#{unmatched.message}\n#{JSON.pretty_generate(data)}", **position)
      end
      kind, message = Failure.classify(error, @job.fetch("limits"))
      Failure.build(kind, message, detail: detail, **position)
    end

    # The client's API error for the mock's answer to an unrecorded request, also when the snippet
    # raised another error from it.
    def unmatched(error)
      seen = {}
      while error && !seen[error.object_id]
        seen[error.object_id] = true
        return error if error.respond_to?(:code) && error.code == @job.fetch("unmatchedType")

        error = error.cause
      end
      nil
    end

    # The deepest frame in the snippet, in snippet lines.
    def position(locations)
      frame = locations.find { |location| location.path == @filename && location.lineno > @offset }
      frame ? {line: frame.lineno - @offset} : {}
    end
  end

  # Refuses at once any connection but to the mock: a sample that tries one gets `network`
  # without waiting for a DNS or connect timeout. The sandbox is what actually stops it (a snippet
  # can undo this); this makes the verdict quick and precise, also without a sandbox.
  module NetworkGuard
    def self.install(mock, &refuse)
      allowed = [mock.host, mock.port]
      resolve = ->(host, port) { refuse.call(port ? "#{host}:#{port}" : host.to_s) unless host.nil? || host.to_s == mock.host }
      connect = ->(host, port) { refuse.call("#{host}:#{port}") unless [host.to_s, Integer(port, exception: false)] == allowed }
      # Names are resolved first (Net::HTTP's Socket.tcp, Addrinfo), then connected to.
      [Addrinfo.singleton_class, Socket.singleton_class].each do |owner|
        owner.prepend(Module.new do
          define_method(:getaddrinfo) do |host, port, *rest, **options|
            resolve.call(host, port)
            super(host, port, *rest, **options)
          end
        end)
      end
      TCPSocket.prepend(Module.new do
        define_method(:initialize) do |host, port, *rest, **options|
          connect.call(host, port)
          super(host, port, *rest, **options)
        end
      end)
      Socket.prepend(Module.new do
        %i[connect connect_nonblock].each do |name|
          define_method(name) do |address, *rest, **options|
            target = address.is_a?(Addrinfo) ? address : Addrinfo.new(address)
            connect.call(target.ip_address, target.ip_port) if target.ip?
            super(address, *rest, **options)
          end
        end
      end)
    end
  end
end
