# frozen_string_literal: true

module Seam
  module Resources
    # What a method returns: the body's object with an attribute reader per documented property,
    # the raw hash in `.data`, hash attributes wrapped in DeepHashAccessor and date-time
    # attributes parsed into Time when read — the gem's BaseResource.
    class BaseResource
      attr_accessor :data, :client

      def initialize(data, client = nil)
        @data = data
        @client = client
        @data.each do |key, value|
          instance_variable_set(:"@#{key}", value.is_a?(Hash) ? Seam::DeepHashAccessor.new(value) : value)
        end
      end

      def update_from_response(data)
        @data = data
        @data.each { |key, value| instance_variable_set(:"@#{key}", value) }
      end

      def self.load_from_response(data, client = nil)
        data.is_a?(Array) ? data.map { |item| new(item, client) } : new(data, client)
      end

      def self.date_accessor(*attrs)
        attrs.each do |attr|
          define_method(attr) do
            value = instance_variable_get(:"@#{attr}")
            raise "No value for #{attr} set" if value.nil?

            Time.parse(value)
          end
        end
      end

      def inspect
        readers = instance_variables.map { |name| name.to_s.delete_prefix("@") }
          .select { |name| name != "data" && name != "client" && respond_to?(name) }
        "<#{self.class.name}:#{format("0x00%x", object_id << 1)}\n" + readers.map { |name| "  #{name}=#{send(name).inspect}" }.join("\n") + ">"
      end
    end

    # A resource the index has no schema for (an inline response object): a reader per key it has.
    class UnindexedResource < BaseResource
      def initialize(data, client = nil)
        super
        data.each_key { |key| define_singleton_method(key) { instance_variable_get(:"@#{key}") } }
      end
    end

    class ResourceError < UnindexedResource; end
    class ResourceWarning < UnindexedResource; end

    # `errors` and `warnings` of a resource, as objects (the gem's Resource*Support modules).
    module ResourceErrorsSupport
      def errors
        @errors_converted ||= @errors.is_a?(Array) ? ResourceError.load_from_response(@errors) : []
      end
    end

    module ResourceWarningsSupport
      def warnings
        @warnings_converted ||= @warnings.is_a?(Array) ? ResourceWarning.load_from_response(@warnings) : []
      end
    end

    # `acs_user` → Seam::Resources::AcsUser, one class per resource of the API index.
    def self.class_name(resource)
      resource.split("_").map(&:capitalize).join
    end

    def self.define(resource, fields)
      readers = fields.fetch("properties") - fields.fetch("dates") - %w[errors warnings]
      klass = Class.new(BaseResource) do
        attr_accessor(*readers)
        date_accessor(*fields.fetch("dates"))
        include ResourceErrorsSupport if fields.fetch("properties").include?("errors")
        include ResourceWarningsSupport if fields.fetch("properties").include?("warnings")
      end
      const_set(class_name(resource), klass)
    end

    # The value under a route's response key as the route's resource objects.
    def self.load(resource, value)
      klass = resource ? const_get(class_name(resource)) : UnindexedResource
      return klass.load_from_response(value) if value.is_a?(Hash) || (value.is_a?(Array) && value.all?(Hash))

      value
    end
  end
end

Seam::BuiltIn::ApiIndex.each_resource { |name, fields| Seam::Resources.define(name, fields) }
