# frozen_string_literal: true

require "fileutils"

module DocHarness
  # What the warm parent does around each forked sample: kill what it left running, and in a
  # sandbox of its own (a PID namespace and a private /tmp) everything else it left behind.
  module Processes
    # How long a sweep may take to see every process of the box gone.
    SWEEP_SECONDS = 5

    module_function

    def kill_group(pid)
      Process.kill(:KILL, -pid)
    rescue Errno::ESRCH, Errno::EPERM
      nil
    end

    def reap(pid)
      Process.waitpid(pid)
    rescue Errno::ECHILD
      nil
    end

    # This process and every process above it, which the sweep must leave alone.
    def ancestors(pid = Process.pid)
      found = []
      while pid.positive? && !found.include?(pid)
        found << pid
        pid = parent_of(pid)
      end
      found
    end

    def parent_of(pid)
      File.foreach("/proc/#{pid}/status") { |line| return line.split[1].to_i if line.start_with?("PPid:") }
      0
    rescue SystemCallError
      0
    end

    # Kills every process of this PID namespace but `keep`: whatever a sample started that left
    # its process group (setsid, a double fork) dies with the sample. Rounds until one finds
    # nothing left, for as long as SWEEP_SECONDS: a killed process is only gone once the kernel
    # has taken it down, which on a loaded machine (a fork bomb's hundreds of processes) takes
    # more than a fixed number of rounds.
    def sweep(keep)
      deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + SWEEP_SECONDS
      while Process.clock_gettime(Process::CLOCK_MONOTONIC) < deadline
        killed = false
        Dir.each_child("/proc") do |name|
          next unless name.match?(/\A\d+\z/) && !keep.include?(name.to_i) && !zombie?(name)

          begin
            Process.kill(:KILL, name.to_i)
            killed = true
          rescue Errno::ESRCH, Errno::EPERM
            nil
          end
        end
        return unless killed

        # Processes forked between the listing and the kill show up in the next round.
        sleep(0.001)
      end
    end

    def zombie?(pid)
      # The state follows the command name, which is in parentheses and may hold spaces.
      %w[Z X].include?(File.read("/proc/#{pid}/stat").rpartition(")").last.split.first)
    rescue SystemCallError
      true
    end

    # The folders a sample may write (TMPDIR, HOME, the working folder), each with what it held
    # before any sample ran.
    def scratch_folders
      [ENV["TMPDIR"], ENV["HOME"], Dir.pwd].compact.uniq.select { |dir| File.directory?(dir) }
        .to_h { |dir| [dir, Dir.children(dir)] }
    end

    # Removes what a sample wrote there, so that the next one starts with the files it would have
    # in a sandbox of its own. Only in a sandbox (sweep): these are then the box's private /tmp.
    def clear_scratch(folders)
      folders.each do |dir, before|
        (Dir.children(dir) - before).each { |name| FileUtils.rm_rf(File.join(dir, name)) }
      rescue SystemCallError
        nil
      end
    end
  end
end
