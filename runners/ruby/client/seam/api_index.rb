# frozen_string_literal: true

module Seam
  module BuiltIn
    # The API as the gem's generated code knows it: routes (keywords, response key, resource) and
    # resources (attribute readers). Written by runners/ruby/api-index.ts from @seamapi/types, the
    # document the gem is generated from; its path comes in DOC_HARNESS_RUBY_API_INDEX.
    module ApiIndex
      VARIABLE = "DOC_HARNESS_RUBY_API_INDEX"

      class << self
        attr_reader :source

        def load(file)
          data = JSON.parse(File.read(file))
          @source = data.fetch("source")
          @routes = data.fetch("routes")
          @resources = data.fetch("resources")
          # A namespace is every path that routes sit under: /acs, /acs/users, /access_codes/unmanaged.
          @children = Hash.new { |hash, key| hash[key] = {} }
          @routes.each_key do |path|
            words = path.delete_prefix("/").split("/")
            words.each_index do |i|
              parent = i.zero? ? "" : "/#{words[0...i].join("/")}"
              @children[parent][words[i]] = i == words.length - 1 ? :route : :namespace
            end
          end
          @children.default_proc = nil
          self
        end

        # The words under a namespace path ("" is the client itself): name => :route or :namespace.
        def children(path)
          @children.fetch(path, {})
        end

        def route(path)
          @routes.fetch(path)
        end

        def each_resource(&block)
          @resources.each(&block)
        end
      end
    end
  end
end

index = ENV.fetch(Seam::BuiltIn::ApiIndex::VARIABLE) do
  raise LoadError, "the built-in Seam client needs its API index: set #{Seam::BuiltIn::ApiIndex::VARIABLE} " \
    "to the api.json doc-harness writes (runners/ruby/install.ts)"
end
Seam::BuiltIn::ApiIndex.load(index)
